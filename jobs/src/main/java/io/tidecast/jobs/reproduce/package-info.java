/**
 * {@code tidecast reproduce}: the published respiratory-motion benchmark (Pohl et al. 2025, reference
 * {@code respiratory-forecasting.md}) run offline on the shipped ExtMarker data.
 *
 * <p>Protocol (reference §2): splits of {@link io.tidecast.jobs.reproduce.Rate}; inputs u_j = [1; s_j..s_{j+k-1}]
 * time-major, target s_{j+k+h-1}; online models z-scored with the population std of the first 30 s, OLS in raw mm
 * fitted on targets within the first 54 s; validation on 30–60 s (OLS: 54–60 s) with the series cut at 60 s; test
 * runs from t = 1 on the whole series scored after 60 s; grid search per (sequence, horizon, method) on the mean
 * validation nRMSE ({@link io.tidecast.jobs.reproduce.GridSelection}); cells averaged with equal weight.
 *
 * <p>Choices where the paper says nothing:
 * <ul>
 *   <li><b>Causal protocol.</b> At the arrival of s_t the pair whose target is s_t is learned first, then the forecast
 *       for t+h is made. Window regressors need nothing else. An RNN keeps two hidden-state trajectories: the learning
 *       one advances only with learned windows (u_{j−h} at step j), consistent with the trainer's influence / tangent /
 *       synthetic-gradient state; the forecasting one advances with every new window using the current weights,
 *       without learning, and gives the forecast. Cost: one extra forward pass per step. For h = 1 both protocols are
 *       the same computation.</li>
 *   <li><b>Causal OLS</b> is fitted on the targets that have arrived when the first validated forecast (54 s + 1
 *       sample) is made, i.e. up to 54 s − (h−1) samples.</li>
 *   <li><b>Time per step</b> is the wall time of the scored steps of the test run (predict + update, including the
 *       input copy), averaged like the errors. It depends on machine load.</li>
 *   <li>10 Hz runs in float64 (the authors' arrays are float32; reference §6.4 puts the difference at ≤ 0.4 %).</li>
 * </ul>
 * Not implemented: kernel SVR.
 */
package io.tidecast.jobs.reproduce;
