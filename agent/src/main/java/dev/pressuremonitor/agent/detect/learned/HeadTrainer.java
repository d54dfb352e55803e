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
        int width = x.get(0).dense().length + hashSlots + 1;
        double[] classWeight = classWeights(y, k);
        double[] share = new double[n];
        for (int j = 0; j < n; j++) share[j] = classWeight[y[j]];
        return descend(labels, x, y, share, new double[k][width], new double[k][width]);
    }

    /**
     * Refits a head that already exists: starts from its weights and pulls every weight back toward them (the L2
     * penalty measures the distance from {@code start}, not from zero), so a few hundred new lines move it where
     * they disagree with it and leave the rest as it was.
     *
     * @param extra each example's weight on top of its class weight (1 for a corpus line; more for a line a team
     *              marked, so a few dozen of them count beside thousands of corpus lines)
     */
    public LinearHead refine(LinearHead start, List<Features> x, int[] y, double[] extra) {
        int n = x.size(), k = start.labels().size();
        if (n == 0) throw new IllegalArgumentException("no examples to train on");
        if (n != y.length || n != extra.length) throw new IllegalArgumentException(n + " examples but " + y.length + " labels and " + extra.length + " weights");
        float[][] w0 = start.weights();
        double[][] from = new double[k][w0[0].length];
        for (int c = 0; c < k; c++) for (int i = 0; i < from[c].length; i++) from[c][i] = w0[c][i];
        double[] classWeight = classWeights(y, k);
        double[] share = new double[n];
        double total = 0;
        for (int j = 0; j < n; j++) total += share[j] = classWeight[y[j]] * extra[j];
        for (int j = 0; j < n; j++) share[j] /= total;
        double[][] anchor = new double[k][];
        for (int c = 0; c < k; c++) anchor[c] = from[c].clone();
        return descend(start.labels(), x, y, share, from, anchor);
    }

    /** Adam on the weighted cross-entropy, L2 toward {@code anchor}; {@code w} is the start and is overwritten. */
    private LinearHead descend(List<String> labels, List<Features> x, int[] y, double[] share, double[][] w, double[][] anchor) {
        int n = x.size(), k = labels.size(), width = w[0].length;
        int dense = x.get(0).dense().length;
        if (dense + 1 > width) throw new IllegalArgumentException(dense + " dense features, the head takes " + (width - 1));
        double[][] m = new double[k][width], v = new double[k][width], grad = new double[k][width];
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
                    double err = share[j] * (p[c] / sum - (c == y[j] ? 1 : 0));
                    double[] g = grad[c];
                    for (int i = 0; i < dense; i++) g[i] += err * d[i];
                    for (int slot : f.slots()) g[dense + slot] += err * f.slotValue();
                    g[width - 1] += err;
                }
            }
            double c1 = 1 - Math.pow(b1, step), c2 = 1 - Math.pow(b2, step);
            for (int c = 0; c < k; c++) {
                for (int i = 0; i < width; i++) {
                    double g = grad[c][i] + (i < width - 1 ? l2 * (w[c][i] - anchor[c][i]) : 0);
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
