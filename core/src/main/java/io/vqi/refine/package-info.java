/**
 * The refinement layer's quantiser and entropy model, in pure Java: per-level gains, a checkerboard two-pass
 * network that predicts each element's mean and scale from the base codes and decoded neighbours, logistic CDF
 * tables and the residual coder.
 */
package io.vqi.refine;
