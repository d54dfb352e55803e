package dev.pressuremonitor.server.calls;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The call ids a database may hold, for a question asked on a network thread at each new call: "might the database
 * have this call already?". A "no" must be certain (the call is then taken as new, without a query); a "maybe" costs
 * one query. Kept as Bloom filters rather than a set of the ids: a set held every call id the database ever held,
 * about 100 bytes each, so a server's memory grew with its history (a million calls, some 100 MB of a 256 MB heap).
 * Here a million calls take 3.6 MB (the newest filter still half empty), and a "maybe" is wrong for at most about
 * two new calls in a hundred.
 *
 * <p>A scalable Bloom filter: when a filter is full the next one holds twice as many ids with half its rate of wrong
 * answers (more bits and hashes per id), so however many calls come the filters stay few and the rates add up to at
 * most twice the first's. Thread-safe: ids are added and asked about from any thread.
 */
final class KnownCalls {
    /** Ids the first filter holds before the next (twice as big) is started. */
    static final int FIRST_FILTER = 1 << 16;
    /** The first filter's rate of wrong "maybe"s when full; each next filter's is half its predecessor's. */
    static final double FIRST_ERROR_RATE = 0.01;
    private static final VarHandle WORDS = MethodHandles.arrayElementVarHandle(long[].class);

    private final CopyOnWriteArrayList<Filter> filters = new CopyOnWriteArrayList<>();

    KnownCalls() {
        this(FIRST_FILTER);
    }

    /** @param firstFilter ids the first filter holds (tests use small ones to see filters fill) */
    KnownCalls(int firstFilter) {
        if (firstFilter < 1) throw new IllegalArgumentException("a filter must hold at least one id");
        filters.add(new Filter(firstFilter, FIRST_ERROR_RATE));
    }

    void add(String callId) {
        long h1 = hash(callId, 0x9E3779B97F4A7C15L), h2 = hash(callId, 0xC2B2AE3D27D4EB4FL) | 1;
        Filter last = filters.get(filters.size() - 1);
        if (last.mightHold(h1, h2)) return; // already there (or a collision: one more "maybe" either way)
        if (last.count.incrementAndGet() > last.capacity) {
            synchronized (filters) {
                if (filters.get(filters.size() - 1) == last) {
                    filters.add(new Filter((int) Math.min(Integer.MAX_VALUE / 64, 2L * last.capacity), last.errorRate / 2));
                }
            }
            last = filters.get(filters.size() - 1);
            last.count.incrementAndGet();
        }
        last.set(h1, h2);
    }

    /** False only when the id was certainly never added. */
    boolean mayHold(String callId) {
        long h1 = hash(callId, 0x9E3779B97F4A7C15L), h2 = hash(callId, 0xC2B2AE3D27D4EB4FL) | 1;
        for (Filter f : filters) {
            if (f.mightHold(h1, h2)) return true;
        }
        return false;
    }

    /** Filters in use. */
    int filters() {
        return filters.size();
    }

    /** What the filters take, in bytes. */
    long bytes() {
        long n = 0;
        for (Filter f : filters) n += 8L * f.words.length;
        return n;
    }

    /** A 64-bit hash of the id's characters, seeded: two seeds give the two hashes every bit index is made from. */
    private static long hash(String s, long seed) {
        long h = seed ^ s.length();
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * 0x100000001B3L;
        }
        // spread every input bit over the whole word (splitmix64's finaliser)
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }

    private static final class Filter {
        final int capacity;
        final double errorRate;
        final int hashes;
        final long[] words;
        final long bits;
        final AtomicInteger count = new AtomicInteger();

        /** Sized the textbook way: -ln(rate) / ln(2)^2 bits per id, ln(2) hashes per bit per id. */
        Filter(int capacity, double errorRate) {
            this.capacity = capacity;
            this.errorRate = errorRate;
            double bitsPerId = -Math.log(errorRate) / (Math.log(2) * Math.log(2));
            hashes = Math.max(1, (int) Math.round(bitsPerId * Math.log(2)));
            int n = (int) Math.max(1, (long) Math.ceil(capacity * bitsPerId / 64));
            words = new long[n];
            bits = (long) n * 64;
        }

        private long bit(long h1, long h2, int i) {
            return Math.floorMod(h1 + i * h2, bits);
        }

        void set(long h1, long h2) {
            for (int i = 0; i < hashes; i++) {
                long b = bit(h1, h2, i);
                WORDS.getAndBitwiseOr(words, (int) (b >>> 6), 1L << b);
            }
        }

        boolean mightHold(long h1, long h2) {
            for (int i = 0; i < hashes; i++) {
                long b = bit(h1, h2, i);
                if (((long) WORDS.getVolatile(words, (int) (b >>> 6)) & (1L << b)) == 0) return false;
            }
            return true;
        }
    }
}
