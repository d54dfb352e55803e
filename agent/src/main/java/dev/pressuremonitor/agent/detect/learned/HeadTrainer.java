package dev.pressuremonitor.agent.detect.learned;

import java.util.List;

/**
 * Fits a {@link LinearHead} by full-batch gradient descent (Adam) on the weighted cross-entropy with an L2 penalty.
 * No randomness anywhere: weights start at zero and every step sees every example in order, so the same lines
 * always give the same head. Classes are weighted inversely to their size, so NONE's many lines do not drown a
 * category with few.
 */
public final class HeadTrainer {
    private final double l2;
    private final int steps;
    private final double rate;

    public HeadTrainer(double l2, int steps, double rate) {
        this.l2 = l2;
        this.steps = steps;
        this.rate = rate;
    }

    public static HeadTrainer defaults() {
        return new HeadTrainer(1e-3, 400, 0.05);
    }

    public LinearHead fit(List<String> labels, List<float[]> x, int[] y) {
        int n = x.size(), k = labels.size(), d = x.get(0).length;
        if (n != y.length) throw new IllegalArgumentException(n + " examples but " + y.length + " labels");
        double[] classWeight = new double[k];
        int[] count = new int[k];
        for (int c : y) count[c]++;
        for (int c = 0; c < k; c++) classWeight[c] = count[c] == 0 ? 0 : (double) n / (k * count[c]);
        double total = 0;
        for (int c : y) total += classWeight[c];

        double[][] w = new double[k][d + 1], m = new double[k][d + 1], v = new double[k][d + 1];
        double[][] grad = new double[k][d + 1];
        double[] p = new double[k];
        double b1 = 0.9, b2 = 0.999, eps = 1e-8;
        for (int step = 1; step <= steps; step++) {
            for (double[] g : grad) java.util.Arrays.fill(g, 0);
            for (int j = 0; j < n; j++) {
                float[] xi = x.get(j);
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < k; c++) {
                    double s = w[c][d];
                    for (int i = 0; i < d; i++) s += w[c][i] * xi[i];
                    p[c] = s;
                    max = Math.max(max, s);
                }
                double sum = 0;
                for (int c = 0; c < k; c++) sum += (p[c] = Math.exp(p[c] - max));
                double cw = classWeight[y[j]] / total;
                for (int c = 0; c < k; c++) {
                    double err = cw * (p[c] / sum - (c == y[j] ? 1 : 0));
                    double[] g = grad[c];
                    for (int i = 0; i < d; i++) g[i] += err * xi[i];
                    g[d] += err;
                }
            }
            double c1 = 1 - Math.pow(b1, step), c2 = 1 - Math.pow(b2, step);
            for (int c = 0; c < k; c++) {
                for (int i = 0; i <= d; i++) {
                    double g = grad[c][i] + (i < d ? l2 * w[c][i] : 0);
                    m[c][i] = b1 * m[c][i] + (1 - b1) * g;
                    v[c][i] = b2 * v[c][i] + (1 - b2) * g * g;
                    w[c][i] -= rate * (m[c][i] / c1) / (Math.sqrt(v[c][i] / c2) + eps);
                }
            }
        }
        float[][] out = new float[k][d + 1];
        for (int c = 0; c < k; c++) for (int i = 0; i <= d; i++) out[c][i] = (float) w[c][i];
        return new LinearHead(labels, out);
    }
}
