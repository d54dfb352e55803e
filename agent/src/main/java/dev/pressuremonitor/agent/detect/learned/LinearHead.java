package dev.pressuremonitor.agent.detect.learned;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A softmax classifier over {@link Features}: one weight row per label, each the dense weights, then one weight per
 * hash slot, then the bias. The learned part of the detector, small enough to read.
 */
public final class LinearHead {
    private final List<String> labels;
    private final float[][] weights;

    public LinearHead(List<String> labels, float[][] weights) {
        if (labels.size() != weights.length) throw new IllegalArgumentException(labels.size() + " labels but " + weights.length + " weight rows");
        for (float[] row : weights) {
            if (row.length != weights[0].length) throw new IllegalArgumentException("weight rows of different lengths");
        }
        this.labels = List.copyOf(labels);
        this.weights = weights;
    }

    public List<String> labels() {
        return labels;
    }

    /** The number of weights per label: dense features, hash slots and the bias. */
    public int width() {
        return weights[0].length;
    }

    /** Probability of each label (in {@link #labels()} order). */
    public double[] probabilities(Features x) {
        double[] z = new double[weights.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < weights.length; k++) {
            z[k] = score(weights[k], x);
            max = Math.max(max, z[k]);
        }
        double sum = 0;
        for (int k = 0; k < z.length; k++) {
            z[k] = Math.exp(z[k] - max);
            sum += z[k];
        }
        for (int k = 0; k < z.length; k++) z[k] /= sum;
        return z;
    }

    /** One row's raw score; the dense part first, the hash slots after it, the bias last. */
    static double score(float[] w, Features x) {
        float[] d = x.dense();
        if (d.length + 1 > w.length) throw new IllegalArgumentException(d.length + " dense features, the head takes fewer");
        double s = w[w.length - 1];
        for (int i = 0; i < d.length; i++) s += w[i] * d[i];
        int base = d.length, slots = w.length - 1 - d.length;
        for (int slot : x.slots()) {
            if (slot >= slots) throw new IllegalArgumentException("hash slot " + slot + " outside the head's " + slots);
            s += w[base + slot] * x.slotValue();
        }
        return s;
    }

    float[][] weights() {
        return weights;
    }

    public void write(OutputStream out, ObjectNode about) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("format", "pressure-monitor-linear-head/1");
        root.set("about", about);
        ArrayNode ls = root.putArray("labels");
        labels.forEach(ls::add);
        ArrayNode rows = root.putArray("weights");
        for (float[] row : weights) {
            ArrayNode r = rows.addArray();
            // six significant digits keep the file readable and diffable; the scores do not move
            for (float v : row) r.add(Float.parseFloat(String.format(java.util.Locale.ROOT, "%.6g", v)));
        }
        mapper.writerWithDefaultPrettyPrinter().writeValue(out, root);
    }

    public static LinearHead read(InputStream in, String source) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new IOException(source + " is not a readable head file (JSON): " + e.getMessage(), e);
        }
        if (root == null || !"pressure-monitor-linear-head/1".equals(root.path("format").asText())) {
            throw new IOException(source + " is not a head file written by 'pressure-monitor train' (no format pressure-monitor-linear-head/1)");
        }
        List<String> labels = new ArrayList<>();
        root.path("labels").forEach(l -> labels.add(l.asText()));
        JsonNode rows = root.path("weights");
        if (labels.isEmpty() || rows.size() != labels.size()) throw new IOException(source + ": labels and weights do not match; train it again");
        float[][] w = new float[rows.size()][];
        for (int k = 0; k < w.length; k++) {
            JsonNode row = rows.get(k);
            w[k] = new float[row.size()];
            for (int i = 0; i < w[k].length; i++) w[k][i] = (float) row.get(i).asDouble();
            if (w[k].length != w[0].length) throw new IOException(source + ": weight row " + k + " has another length; train it again");
        }
        return new LinearHead(labels, w);
    }
}
