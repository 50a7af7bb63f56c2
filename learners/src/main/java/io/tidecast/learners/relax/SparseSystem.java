package io.tidecast.learners.relax;

import java.util.Arrays;

/**
 * A square sparse matrix split the way SOR uses it, A = L + D + U: the strict lower and strict upper parts in CSR
 * (rows in order, columns ascending, duplicates summed) and the diagonal as a dense vector.
 *
 * <p>Validated on construction: square, indices in range, every value finite, every diagonal entry &gt; 0 and the
 * matrix numerically symmetric (|a_ij - a_ji| &lt;= 1e-12 max|a|), which SOR theory (and Young's formula) assumes.
 */
public final class SparseSystem {
    static final double SYMMETRY_TOL = 1e-12;

    final int n;
    final int[] lowPtr;
    final int[] lowCol;
    final double[] lowVal;
    final int[] upPtr;
    final int[] upCol;
    final double[] upVal;
    final double[] diag;

    private SparseSystem(int n, int[] lowPtr, int[] lowCol, double[] lowVal, int[] upPtr, int[] upCol, double[] upVal, double[] diag) {
        this.n = n;
        this.lowPtr = lowPtr;
        this.lowCol = lowCol;
        this.lowVal = lowVal;
        this.upPtr = upPtr;
        this.upCol = upCol;
        this.upVal = upVal;
        this.diag = diag;
    }

    public int size() {
        return n;
    }

    /** Number of stored nonzeros, diagonal included. */
    public int nonZeros() {
        return lowVal.length + upVal.length + n;
    }

    public double diagonal(int i) {
        return diag[i];
    }

    /** The same off-diagonal structure with {@code c} added to every diagonal entry (A + cI), sharing the arrays. */
    public SparseSystem shifted(double c) throws InvalidSystemException {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = diag[i] + c;
        checkDiagonal(d);
        return new SparseSystem(n, lowPtr, lowCol, lowVal, upPtr, upCol, upVal, d);
    }

    /** y = A x. */
    public void multiply(double[] x, double[] y) {
        for (int i = 0; i < n; i++) {
            double s = diag[i] * x[i];
            for (int k = lowPtr[i]; k < lowPtr[i + 1]; k++) s += lowVal[k] * x[lowCol[k]];
            for (int k = upPtr[i]; k < upPtr[i + 1]; k++) s += upVal[k] * x[upCol[k]];
            y[i] = s;
        }
    }

    /** CSR arrays of the whole matrix, columns ascending per row (the wire form of {@code tidecast.relax.systems}). */
    public record Csr(int[] rowPtr, int[] col, double[] val) {}

    public Csr toCsr() {
        int nnz = nonZeros();
        int[] ptr = new int[n + 1];
        int[] col = new int[nnz];
        double[] val = new double[nnz];
        int m = 0;
        for (int i = 0; i < n; i++) {
            ptr[i] = m;
            for (int k = lowPtr[i]; k < lowPtr[i + 1]; k++) { col[m] = lowCol[k]; val[m++] = lowVal[k]; }
            col[m] = i; val[m++] = diag[i];
            for (int k = upPtr[i]; k < upPtr[i + 1]; k++) { col[m] = upCol[k]; val[m++] = upVal[k]; }
        }
        ptr[n] = m;
        return new Csr(ptr, col, val);
    }

    /** Dense copy (row-major n x n), for tests and small direct computations. */
    public double[][] toDense() {
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            a[i][i] = diag[i];
            for (int k = lowPtr[i]; k < lowPtr[i + 1]; k++) a[i][lowCol[k]] += lowVal[k];
            for (int k = upPtr[i]; k < upPtr[i + 1]; k++) a[i][upCol[k]] += upVal[k];
        }
        return a;
    }

    /** From CSR arrays: {@code rowPtr} of length n+1, {@code col} and {@code val} of length rowPtr[n]. */
    public static SparseSystem fromCsr(int n, int[] rowPtr, int[] col, double[] val) throws InvalidSystemException {
        if (n < 1) throw new InvalidSystemException("matrix size n must be >= 1, got " + n);
        if (rowPtr == null || col == null || val == null) throw new InvalidSystemException("CSR needs rowPtr, col and val");
        if (rowPtr.length != n + 1) {
            throw new InvalidSystemException("dims mismatch: rowPtr has " + rowPtr.length + " entries, n + 1 = " + (n + 1) + " expected");
        }
        if (rowPtr[0] != 0) throw new InvalidSystemException("rowPtr[0] must be 0, got " + rowPtr[0]);
        for (int i = 0; i < n; i++) {
            if (rowPtr[i + 1] < rowPtr[i]) throw new InvalidSystemException("rowPtr must not decrease (row " + i + ")");
        }
        int nnz = rowPtr[n];
        if (col.length != nnz || val.length != nnz) {
            throw new InvalidSystemException("dims mismatch: rowPtr[n] = " + nnz + " but col has " + col.length + " and val " + val.length + " entries");
        }
        int[] rows = new int[nnz];
        for (int i = 0; i < n; i++) for (int k = rowPtr[i]; k < rowPtr[i + 1]; k++) rows[k] = i;
        return fromCoo(n, rows, col, val);
    }

    /** From COO triplets (any order; duplicates are summed). */
    public static SparseSystem fromCoo(int n, int[] row, int[] col, double[] val) throws InvalidSystemException {
        if (n < 1) throw new InvalidSystemException("matrix size n must be >= 1, got " + n);
        if (row == null || col == null || val == null) throw new InvalidSystemException("COO needs row, col and val");
        if (row.length != col.length || row.length != val.length) {
            throw new InvalidSystemException("dims mismatch: row, col and val have " + row.length + ", " + col.length + " and " + val.length + " entries");
        }
        int m = val.length;
        double max = 0;
        for (int k = 0; k < m; k++) {
            if (row[k] < 0 || row[k] >= n || col[k] < 0 || col[k] >= n) {
                throw new InvalidSystemException("not square " + n + " x " + n + ": entry " + k + " at (" + row[k] + ", " + col[k] + ") is outside");
            }
            if (!Double.isFinite(val[k])) throw new InvalidSystemException("non-finite matrix value " + val[k] + " at (" + row[k] + ", " + col[k] + ")");
            max = Math.max(max, Math.abs(val[k]));
        }
        Integer[] order = new Integer[m];
        for (int k = 0; k < m; k++) order[k] = k;
        Arrays.sort(order, (a, b) -> row[a] != row[b] ? Integer.compare(row[a], row[b]) : Integer.compare(col[a], col[b]));
        double[] diag = new double[n];
        int[] lowPtr = new int[n + 1];
        int[] upPtr = new int[n + 1];
        int[] lc = new int[m];
        double[] lv = new double[m];
        int[] uc = new int[m];
        double[] uv = new double[m];
        int nl = 0;
        int nu = 0;
        int k = 0;
        for (int i = 0; i < n; i++) {
            lowPtr[i] = nl;
            upPtr[i] = nu;
            while (k < m && row[order[k]] == i) {
                int j = col[order[k]];
                double v = 0;
                while (k < m && row[order[k]] == i && col[order[k]] == j) v += val[order[k++]];
                if (j == i) diag[i] = v;
                else if (v == 0) continue; // an explicit zero is no coupling
                else if (j < i) {
                    lc[nl] = j;
                    lv[nl++] = v;
                } else {
                    uc[nu] = j;
                    uv[nu++] = v;
                }
            }
        }
        lowPtr[n] = nl;
        upPtr[n] = nu;
        SparseSystem s = new SparseSystem(n, lowPtr, Arrays.copyOf(lc, nl), Arrays.copyOf(lv, nl), upPtr, Arrays.copyOf(uc, nu), Arrays.copyOf(uv, nu), diag);
        checkDiagonal(diag);
        s.checkSymmetric(max);
        return s;
    }

    private static void checkDiagonal(double[] d) throws InvalidSystemException {
        for (int i = 0; i < d.length; i++) {
            if (!(d[i] > 0)) {
                throw new InvalidSystemException("non-convergent: diagonal entry " + i + " is " + d[i] + " (SOR needs a symmetric positive definite matrix, so a positive diagonal)");
            }
        }
    }

    /** The strict lower part's transpose must equal the strict upper part. */
    private void checkSymmetric(double max) throws InvalidSystemException {
        if (lowVal.length != upVal.length) {
            throw new InvalidSystemException("not symmetric: " + lowVal.length + " entries below the diagonal, " + upVal.length + " above (SOR theory needs a symmetric matrix)");
        }
        // walk the lower part column by column (a CSC view of the upper part, built by counting)
        int[] cnt = new int[n + 1];
        for (int k = 0; k < lowCol.length; k++) cnt[lowCol[k] + 1]++;
        for (int j = 0; j < n; j++) cnt[j + 1] += cnt[j];
        int[] pos = Arrays.copyOf(cnt, n + 1);
        int[] tRow = new int[lowCol.length];
        double[] tVal = new double[lowCol.length];
        for (int i = 0; i < n; i++) {
            for (int k = lowPtr[i]; k < lowPtr[i + 1]; k++) {
                int j = lowCol[k];
                tRow[pos[j]] = i;
                tVal[pos[j]++] = lowVal[k];
            }
        }
        // row j of L^T, columns ascending because rows of L were visited in order
        for (int j = 0; j < n; j++) {
            int a = cnt[j];
            int b = upPtr[j];
            if (cnt[j + 1] - a != upPtr[j + 1] - b) {
                throw new InvalidSystemException("not symmetric: row " + j + " has " + (upPtr[j + 1] - b) + " entries right of the diagonal but column " + j + " has " + (cnt[j + 1] - a) + " below it");
            }
            for (; b < upPtr[j + 1]; a++, b++) {
                if (tRow[a] != upCol[b] || Math.abs(tVal[a] - upVal[b]) > SYMMETRY_TOL * max) {
                    throw new InvalidSystemException("not symmetric: a[" + j + "][" + upCol[b] + "] = " + upVal[b] + " has no equal mirror entry");
                }
            }
        }
    }

    /** The 5-point Laplacian on a g x g interior grid (Dirichlet boundary): 4 on the diagonal, -1 for grid neighbours. */
    public static SparseSystem laplacian2d(int g) {
        int n = g * g;
        int[] r = new int[5 * n];
        int[] c = new int[5 * n];
        double[] v = new double[5 * n];
        int m = 0;
        for (int y = 0; y < g; y++) {
            for (int x = 0; x < g; x++) {
                int i = y * g + x;
                r[m] = i; c[m] = i; v[m++] = 4;
                if (x > 0) { r[m] = i; c[m] = i - 1; v[m++] = -1; }
                if (x < g - 1) { r[m] = i; c[m] = i + 1; v[m++] = -1; }
                if (y > 0) { r[m] = i; c[m] = i - g; v[m++] = -1; }
                if (y < g - 1) { r[m] = i; c[m] = i + g; v[m++] = -1; }
            }
        }
        try {
            return fromCoo(n, Arrays.copyOf(r, m), Arrays.copyOf(c, m), Arrays.copyOf(v, m));
        } catch (InvalidSystemException e) {
            throw new IllegalStateException(e);
        }
    }
}
