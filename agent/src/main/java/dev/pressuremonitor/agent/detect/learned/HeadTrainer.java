package dev.pressuremonitor.agent.detect.learned;

import java.util.Arrays;
import java.util.List;

/**
 * Fits a {@link LinearHead} by full-batch gradient descent (Adam) on the class-weighted cross-entropy with an L2
 * penalty. No randomness anywhere: weights start at zero and every step sees every example in order, so the same
 * lines always give the same head. Classes are weighted inversely to their size, so NONE's many lines do not drown
 * a category with few.
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
        return new HeadTrainer(1e-3, 300, 0.05);
    }

    /**
     * @param hashSlots the number of hash slots the features use
     * @param y         each example's label index into {@code labels}
     */
    public LinearHead fit(List<String> labels, List<Features> x, int[] y, int hashSlots) {
        int n = x.size(), k = labels.size();
        if (n == 0) throw new IllegalArgumentException("no examples to train on");
        if (n != y.length) throw new IllegalArgumentException(n + " examples but " + y.length + " labels");
        int dense = x.get(0).dense().length, width = dense + hashSlots + 1;
        double[] weightOf = classWeights(y, k);

        double[][] w = new double[k][width], m = new double[k][width], v = new double[k][width], grad = new double[k][width];
        double[] p = new double[k];
        final double b1 = 0.9, b2 = 0.999, eps = 1e-8;
        for (int step = 1; step <= steps; step++) {
            for (double[] g : grad) Arrays.fill(g, 0);
            for (int j = 0; j < n; j++) {
                Features f = x.get(j);
                float[] d = f.dense();
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < k; c++) {
                    double s = w[c][width - 1];
                    for (int i = 0; i < dense; i++) s += w[c][i] * d[i];
                    for (int slot : f.slots()) s += w[c][dense + slot] * f.slotValue();
                    p[c] = s;
                    max = Math.max(max, s);
                }
                double sum = 0;
                for (int c = 0; c < k; c++) sum += (p[c] = Math.exp(p[c] - max));
                for (int c = 0; c < k; c++) {
                    double err = weightOf[y[j]] * (p[c] / sum - (c == y[j] ? 1 : 0));
                    double[] g = grad[c];
                    for (int i = 0; i < dense; i++) g[i] += err * d[i];
                    for (int slot : f.slots()) g[dense + slot] += err * f.slotValue();
                    g[width - 1] += err;
                }
            }
            double c1 = 1 - Math.pow(b1, step), c2 = 1 - Math.pow(b2, step);
            for (int c = 0; c < k; c++) {
                for (int i = 0; i < width; i++) {
                    double g = grad[c][i] + (i < width - 1 ? l2 * w[c][i] : 0);
                    m[c][i] = b1 * m[c][i] + (1 - b1) * g;
                    v[c][i] = b2 * v[c][i] + (1 - b2) * g * g;
                    w[c][i] -= rate * (m[c][i] / c1) / (Math.sqrt(v[c][i] / c2) + eps);
                }
            }
        }
        float[][] out = new float[k][width];
        for (int c = 0; c < k; c++) for (int i = 0; i < width; i++) out[c][i] = (float) w[c][i];
        return new LinearHead(labels, out);
    }

    /** Each example's share of the loss: classes weighted inversely to their size, all shares summing to one. */
    static double[] classWeights(int[] y, int k) {
        int[] count = new int[k];
        for (int c : y) count[c]++;
        double[] weight = new double[k];
        double total = 0;
        for (int c = 0; c < k; c++) weight[c] = count[c] == 0 ? 0 : (double) y.length / (k * count[c]);
        for (int c : y) total += weight[c];
        for (int c = 0; c < k; c++) weight[c] /= total;
        return weight;
    }
}
