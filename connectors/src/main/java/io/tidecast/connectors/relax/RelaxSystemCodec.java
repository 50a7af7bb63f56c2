package io.tidecast.connectors.relax;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidecast.connectors.json.RejectedRecordException;
import io.tidecast.learners.relax.InvalidSystemException;
import io.tidecast.learners.relax.SparseSystem;
import io.tidecast.learners.relax.Young;
import io.tidecast.records.RelaxResult;
import io.tidecast.records.RelaxSystem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * JSON codec of the relaxation service ({@code tidecast.relax.systems} in, {@code tidecast.relax.results} out).
 *
 * <p>A system record is one JSON object:
 * <pre>
 * {"key":"sim-7", "seq":12, "context":0.13, "solution":true,
 *  "A":{"rows":3, "cols":3, "rowPtr":[0,2,5,7], "col":[0,1,0,1,2,1,2], "val":[4,-1,-1,4,-1,-1,4]},
 *  "b":[1,0,1]}
 * </pre>
 * A is CSR ({@code rowPtr}, {@code col}, {@code val}) or COO triplets ({@code row}, {@code col}, {@code val}, any
 * order, duplicates summed). {@code key} (else the Kafka message key), {@code seq} (else the offset),
 * {@code context} (default 0) and {@code solution} (default false) are optional. A system is rejected, with the
 * reason, when it is not JSON or a field is missing or mistyped, when A is not square, dimensions disagree, a
 * number is not finite, b is zero, A is not symmetric or has a non-positive diagonal, or SOR cannot converge
 * (Jacobi spectral radius &gt;= 1, so A or 2D - A is not positive definite), or it is larger than {@link #MAX_N}
 * unknowns / {@link #MAX_NNZ} nonzeros. Not thread-safe (one per subtask).
 */
public final class RelaxSystemCodec {
    public static final int MAX_N = 1_000_000;
    public static final int MAX_NNZ = 20_000_000;

    private final ObjectMapper mapper = new ObjectMapper();

    public RelaxSystem decode(byte[] value, String messageKey, long offset) {
        if (value == null) throw new RejectedRecordException("record has no value (tombstone)");
        JsonNode root;
        try {
            root = mapper.readTree(value);
        } catch (IOException e) {
            throw new RejectedRecordException("not JSON: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) throw new RejectedRecordException("not a JSON object");
        String key = messageKey;
        JsonNode k = root.get("key");
        if (k != null && !k.isNull()) {
            if (!k.isTextual() || k.asText().isBlank()) throw new RejectedRecordException("key must be a non-blank string");
            key = k.asText();
        }
        if (key == null || key.isBlank()) throw new RejectedRecordException("missing key (neither a key field nor a message key)");
        long seq = offset;
        JsonNode s = root.get("seq");
        if (s != null && !s.isNull()) {
            if (!s.canConvertToExactIntegral() || !s.canConvertToLong()) throw new RejectedRecordException("seq must be an integer");
            seq = s.asLong();
        }
        double context = 0;
        JsonNode c = root.get("context");
        if (c != null && !c.isNull()) context = finite(c, "context");
        boolean solution = false;
        JsonNode sol = root.get("solution");
        if (sol != null && !sol.isNull()) {
            if (!sol.isBoolean()) throw new RejectedRecordException("solution must be true or false");
            solution = sol.asBoolean();
        }
        JsonNode a = root.get("A");
        if (a == null || !a.isObject()) throw new RejectedRecordException("missing A (an object with rows, cols and CSR rowPtr/col/val or COO row/col/val)");
        int rows = size(a, "rows");
        int cols = size(a, "cols");
        if (rows != cols) throw new RejectedRecordException("not square: A is " + rows + " x " + cols);
        if (rows > MAX_N) throw new RejectedRecordException("too large: n = " + rows + " > " + MAX_N);
        int[] col = ints(a, "col");
        double[] val = doubles(a, "val", "A.val");
        if (col.length > MAX_NNZ) throw new RejectedRecordException("too large: " + col.length + " nonzeros > " + MAX_NNZ);
        SparseSystem sys;
        try {
            if (a.has("rowPtr")) {
                if (a.has("row")) throw new RejectedRecordException("A has both rowPtr (CSR) and row (COO): send one");
                sys = SparseSystem.fromCsr(rows, ints(a, "rowPtr"), col, val);
            } else if (a.has("row")) {
                sys = SparseSystem.fromCoo(rows, ints(a, "row"), col, val);
            } else {
                throw new RejectedRecordException("A needs rowPtr (CSR) or row (COO triplets)");
            }
        } catch (InvalidSystemException e) {
            throw new RejectedRecordException(e.getMessage());
        }
        double[] b = doubles(root, "b", "b");
        if (b.length != rows) throw new RejectedRecordException("dims mismatch: b has " + b.length + " entries, A is " + rows + " x " + cols);
        boolean zero = true;
        for (double v : b) zero &= v == 0;
        if (zero) throw new RejectedRecordException("b is zero: the solution is x = 0, nothing to tune");
        double beta = Young.jacobiRadius(sys);
        if (!(beta < 1)) {
            throw new RejectedRecordException(String.format(java.util.Locale.ROOT,
                    "non-convergent: Jacobi spectral radius %.6g >= 1 (SOR and Young's omega* need A and 2D - A positive definite)", beta));
        }
        SparseSystem.Csr csr = sys.toCsr();
        return new RelaxSystem(key, seq, context, rows, csr.rowPtr(), csr.col(), csr.val(), b, beta, solution);
    }

    /** Encodes a system in the CSR form {@link #decode} reads (for producers and tests). */
    public byte[] encode(RelaxSystem s) {
        ObjectNode o = mapper.createObjectNode();
        o.put("key", s.key);
        o.put("seq", s.seq);
        o.put("context", s.context);
        if (s.wantSolution) o.put("solution", true);
        ObjectNode a = o.putObject("A");
        a.put("rows", s.n);
        a.put("cols", s.n);
        ArrayNode p = a.putArray("rowPtr");
        for (int v : s.rowPtr) p.add(v);
        ArrayNode cc = a.putArray("col");
        for (int v : s.col) cc.add(v);
        ArrayNode vv = a.putArray("val");
        for (double v : s.val) vv.add(v);
        ArrayNode bb = o.putArray("b");
        for (double v : s.b) bb.add(v);
        return bytes(o);
    }

    /**
     * A result: {@code {"key","seq","policy","omega","arm","cost","probability","omegaStar","costStar",
     * "bestFixedOmega","cumulativeCost","regretBestFixed","regretInstanceOptimal","grid":[...],"x":[...]}} (x only
     * when the system asked for the solution).
     */
    public byte[] encode(RelaxResult r) {
        ObjectNode o = mapper.createObjectNode();
        o.put("key", r.key);
        o.put("seq", r.seq);
        o.put("policy", r.policy);
        o.put("omega", r.omega);
        o.put("arm", r.arm);
        o.put("cost", r.cost);
        o.put("probability", r.probability);
        o.put("omegaStar", r.omegaStar);
        o.put("costStar", r.costStar);
        o.put("bestFixedOmega", r.bestFixedOmega);
        o.put("cumulativeCost", r.cumulativeCost);
        o.put("regretBestFixed", r.regretBestFixed);
        o.put("regretInstanceOptimal", r.regretInstanceOptimal);
        ArrayNode g = o.putArray("grid");
        if (r.grid != null) for (int v : r.grid) g.add(v);
        if (r.x != null) {
            ArrayNode x = o.putArray("x");
            for (double v : r.x) x.add(v);
        }
        return bytes(o);
    }

    public JsonNode parse(byte[] json) throws IOException {
        return mapper.readTree(json);
    }

    private byte[] bytes(ObjectNode o) {
        try {
            return mapper.writeValueAsString(o).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double finite(JsonNode n, String what) {
        if (!n.isNumber()) throw new RejectedRecordException(what + " is not a number");
        double v = n.asDouble();
        if (!Double.isFinite(v)) throw new RejectedRecordException(what + " is not finite");
        return v;
    }

    private static int size(JsonNode a, String f) {
        JsonNode n = a.get(f);
        if (n == null || n.isNull()) throw new RejectedRecordException("missing A." + f);
        if (!n.canConvertToExactIntegral() || !n.canConvertToInt() || n.asInt() < 1) {
            throw new RejectedRecordException("A." + f + " must be a positive integer");
        }
        return n.asInt();
    }

    private static int[] ints(JsonNode a, String f) {
        JsonNode n = a.get(f);
        if (n == null || !n.isArray()) throw new RejectedRecordException("missing A." + f + " (an array of integers)");
        int[] out = new int[n.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode e = n.get(i);
            if (!e.isNumber() || !e.canConvertToExactIntegral() || !e.canConvertToInt()) {
                throw new RejectedRecordException("A." + f + "[" + i + "] is not an integer");
            }
            out[i] = e.asInt();
        }
        return out;
    }

    private static double[] doubles(JsonNode parent, String f, String what) {
        JsonNode n = parent.get(f);
        if (n == null || !n.isArray()) throw new RejectedRecordException("missing " + what + " (an array of numbers)");
        double[] out = new double[n.size()];
        for (int i = 0; i < out.length; i++) out[i] = finite(n.get(i), what + "[" + i + "]");
        return out;
    }

    private static String firstLine(String m) {
        if (m == null) return "unreadable";
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
