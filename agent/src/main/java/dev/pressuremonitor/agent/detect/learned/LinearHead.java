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
 * A softmax classifier over a feature vector: one weight row per label plus a bias. The learned part of the
 * detector, small enough to read: {@code labels.size() x (dim + 1)} numbers.
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

    /** The feature vector length this head takes. */
    public int dimension() {
        return weights[0].length - 1;
    }

    /** Probability of each label (in {@link #labels()} order) for a feature vector. */
    public double[] probabilities(float[] x) {
        if (x.length != dimension()) throw new IllegalArgumentException("features of length " + x.length + ", the head takes " + dimension());
        double[] z = new double[weights.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < weights.length; k++) {
            float[] w = weights[k];
            double s = w[x.length];
            for (int i = 0; i < x.length; i++) s += w[i] * x[i];
            z[k] = s;
            max = Math.max(max, s);
        }
        double sum = 0;
        for (int k = 0; k < z.length; k++) {
            z[k] = Math.exp(z[k] - max);
            sum += z[k];
        }
        for (int k = 0; k < z.length; k++) z[k] /= sum;
        return z;
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
