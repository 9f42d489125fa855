package de.dos2030.iot.collector.sta;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Numeric {@code @iot.id}s for text keys. The OGC test suite and many clients expect numbers, while
 * our entities are named by text ({@code gs-kley:r204}); each key gets the number its SHA-256 names
 * within {@code bits} bits (never 0), the same on every instance and after every restart. Two keys
 * that meet take the next free number in key order, which keeps ids stable as long as no new key
 * lands between them (rare at 40 bits; Datastreams use 20 bits so that an Observation id can hold a
 * Datastream id and a time).
 */
final class NumericIds {
    private NumericIds() {}

    static Map<String, Long> assign(Collection<String> keys, int bits, String salt) {
        long mask = (1L << bits) - 1;
        Map<String, Long> out = new HashMap<>();
        Set<Long> used = new HashSet<>();
        for (String key : new TreeSet<>(keys)) {
            long id = hash(salt + key) & mask;
            while (id == 0 || id == mask || !used.add(id)) {
                id = (id + 1) & mask;
            }
            out.put(key, id);
        }
        return out;
    }

    private static long hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (d[i] & 0xff);
            }
            return v & Long.MAX_VALUE;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
