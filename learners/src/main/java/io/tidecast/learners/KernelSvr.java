package io.tidecast.learners;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import libsvm.svm;
import libsvm.svm_model;
import libsvm.svm_node;
import libsvm.svm_parameter;
import libsvm.svm_problem;

/**
 * The published kernel-SVR baseline (P25, reference §4.6): one ε-SVR per output coordinate with the RBF kernel
 * K(a, b) = exp(−‖a − b‖² / s²), fitted once on the first N learned pairs and frozen afterwards, like
 * {@link WarmupOls}. The fit is LIBSVM's own Java port (SMO, stopping tolerance 1e-3, shrinking on), standing in
 * for MATLAB's {@code fitrsvm(..., 'KernelFunction','rbf', 'KernelScale', s, 'BoxConstraint', C, 'Epsilon', ε,
 * 'Standardize', false)}: both solve the same dual to a gradient tolerance of 1e-3, so the models agree up to that
 * tolerance, not bit for bit (MATLAB's default has no shrinking, which changes the path, not the optimum).
 *
 * <p>Parameters: {@code kernelScale} s (default 200), {@code epsilon} ε (0.01), {@code C} (100) and
 * {@code fitPairs} N (default {@link LearnerContext#warmupPairs()}, or m if that is &lt;= 0).
 *
 * <p>Before the fit {@link #predict} falls back to the last value of the window. After the fit the state keeps the
 * training inputs and one dense dual-coefficient vector per coordinate (zero for non-support vectors), so a forecast
 * evaluates each kernel value once for all coordinates.
 */
public final class KernelSvr extends FitOnceRegressor {
    public static final String KIND = "svr";
    static final int STATE_VERSION = 1;
    /** LIBSVM's and fitrsvm's default stopping tolerance. */
    static final double TOLERANCE = 1e-3;

    private final double kernelScale;
    private final double epsilon;
    private final double box;
    /** Training inputs, row-major fitPairs × m. */
    private final double[] xs;
    /** Training targets, row-major fitPairs × d; null once fitted. */
    private double[] ys;
    /** Dual coefficients, row-major d × fitPairs; null until fitted. */
    private double[] coef;
    /** Per coordinate, LIBSVM's ρ (the forecast is Σ coef K − ρ); null until fitted. */
    private double[] rho;

    static {
        svm.svm_set_print_string_function(s -> { }); // LIBSVM prints its progress to stdout by default
    }

    public static KernelSvr create(LearnerSpec spec, LearnerContext ctx) {
        int n = ctx.fitPairs(spec);
        double s = spec.param("kernelScale", 200);
        double eps = spec.param("epsilon", 0.01);
        double c = spec.param("C", 100);
        if (!(s > 0) || !(eps >= 0) || !(c > 0)) {
            throw new IllegalArgumentException("svr needs kernelScale > 0, epsilon >= 0 and C > 0; got kernelScale=" + s
                    + ", epsilon=" + eps + ", C=" + c);
        }
        int d = ctx.outputDim();
        return new KernelSvr(d, ctx.history(), n, s, eps, c, 0, new double[n * ctx.inputDim()], new double[n * d], null, null);
    }

    KernelSvr(int d, int k, int fitPairs, double kernelScale, double epsilon, double box, int pairs, double[] xs,
              double[] ys, double[] coef, double[] rho) {
        super(d, k, fitPairs, pairs);
        this.kernelScale = kernelScale;
        this.epsilon = epsilon;
        this.box = box;
        this.xs = xs;
        this.ys = ys;
        this.coef = coef;
        this.rho = rho;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public boolean fitted() {
        return coef != null;
    }

    /** The number of support vectors of coordinate c (0 before the fit). */
    public int supportVectors(int c) {
        if (coef == null) {
            return 0;
        }
        int n = 0;
        for (int i = 0; i < fitPairs; i++) {
            if (coef[c * fitPairs + i] != 0) {
                n++;
            }
        }
        return n;
    }

    /** The dual coefficient of training pair i (0-based) for coordinate c; 0 before the fit or for a non-support vector. */
    public double coefficient(int c, int i) {
        return coef == null ? 0 : coef[c * fitPairs + i];
    }

    @Override
    void predictFitted(double[] x, double[] out) {
        for (int c = 0; c < d; c++) {
            out[c] = -rho[c];
        }
        double gamma = 1.0 / (kernelScale * kernelScale);
        for (int i = 0; i < fitPairs; i++) {
            double dist = 0;
            for (int j = 0, r = i * m; j < m; j++) {
                double diff = xs[r + j] - x[j];
                dist += diff * diff;
            }
            double kv = Math.exp(-gamma * dist);
            for (int c = 0; c < d; c++) {
                out[c] += coef[c * fitPairs + i] * kv;
            }
        }
    }

    @Override
    void collect(double[] x, double[] y) {
        System.arraycopy(x, 0, xs, pairs * m, m);
        System.arraycopy(y, 0, ys, pairs * d, d);
    }

    /** One LIBSVM ε-SVR per coordinate. */
    @Override
    void fit() {
        svm_problem prob = new svm_problem();
        prob.l = fitPairs;
        prob.x = new svm_node[fitPairs][];
        prob.y = new double[fitPairs];
        for (int i = 0; i < fitPairs; i++) {
            svm_node[] row = new svm_node[m];
            for (int j = 0; j < m; j++) {
                svm_node node = new svm_node();
                node.index = j + 1;
                node.value = xs[i * m + j];
                row[j] = node;
            }
            prob.x[i] = row;
        }
        svm_parameter p = parameters();
        double[] fittedCoef = new double[d * fitPairs];
        double[] fittedRho = new double[d];
        for (int c = 0; c < d; c++) {
            for (int i = 0; i < fitPairs; i++) {
                prob.y[i] = ys[i * d + c];
            }
            svm_model model = svm.svm_train(prob, p);
            for (int s = 0; s < model.l; s++) {
                fittedCoef[c * fitPairs + model.sv_indices[s] - 1] = model.sv_coef[0][s];
            }
            fittedRho[c] = model.rho[0];
        }
        coef = fittedCoef;
        rho = fittedRho;
        ys = null;
    }

    private svm_parameter parameters() {
        svm_parameter p = new svm_parameter();
        p.svm_type = svm_parameter.EPSILON_SVR;
        p.kernel_type = svm_parameter.RBF;
        p.gamma = 1.0 / (kernelScale * kernelScale);
        p.C = box;
        p.p = epsilon;
        p.eps = TOLERANCE;
        p.cache_size = 32;
        p.shrinking = 1;
        p.probability = 0;
        p.nr_weight = 0;
        p.weight_label = new int[0];
        p.weight = new double[0];
        String err = svm.svm_check_parameter(new svm_problem(), p);
        if (err != null) {
            throw new IllegalArgumentException("svr: " + err);
        }
        return p;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeInt(STATE_VERSION);
        out.writeInt(d);
        out.writeInt(k);
        out.writeInt(fitPairs);
        out.writeDouble(kernelScale);
        out.writeDouble(epsilon);
        out.writeDouble(box);
        out.writeInt(pairs);
        out.writeBoolean(coef != null);
        Dense.writeDoubles(out, xs);
        if (coef != null) {
            Dense.writeDoubles(out, coef);
            Dense.writeDoubles(out, rho);
        } else {
            Dense.writeDoubles(out, ys);
        }
    }

    static KernelSvr read(DataInput in) throws IOException {
        Dense.readVersion(in, KIND, STATE_VERSION);
        int d = in.readInt();
        int k = in.readInt();
        int fitPairs = in.readInt();
        double s = in.readDouble();
        double eps = in.readDouble();
        double c = in.readDouble();
        int pairs = in.readInt();
        boolean fitted = in.readBoolean();
        int m = 1 + d * k;
        double[] xs = Dense.readDoubles(in, fitPairs * m);
        if (fitted) {
            double[] coef = Dense.readDoubles(in, d * fitPairs);
            double[] rho = Dense.readDoubles(in, d);
            return new KernelSvr(d, k, fitPairs, s, eps, c, pairs, xs, null, coef, rho);
        }
        return new KernelSvr(d, k, fitPairs, s, eps, c, pairs, xs, Dense.readDoubles(in, fitPairs * d), null, null);
    }
}
