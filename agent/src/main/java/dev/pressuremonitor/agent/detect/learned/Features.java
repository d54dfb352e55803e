package dev.pressuremonitor.agent.detect.learned;

/**
 * What the classifier sees of one rep turn: a dense part (the turn's embedding, the prospect's previous turn's
 * embedding or zeros, and whether there was one) and a sparse part (the hashed words of the turn, each slot set to
 * the same value so the part has length {@code hashWeight}).
 */
public record Features(float[] dense, int[] slots, float slotValue) {
    public static Features of(float[] text, float[] context, int[] slots, double hashWeight) {
        int d = text.length;
        float[] dense = new float[2 * d + 1];
        System.arraycopy(text, 0, dense, 0, d);
        if (context != null) {
            System.arraycopy(context, 0, dense, d, d);
            dense[2 * d] = 1f;
        }
        float value = slots.length == 0 ? 0f : (float) (hashWeight / Math.sqrt(slots.length));
        return new Features(dense, slots, value);
    }
}
