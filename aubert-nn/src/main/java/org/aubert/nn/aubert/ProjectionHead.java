package org.aubert.nn.aubert;

import org.nd4j.autodiff.samediff.SDVariable;

import org.aubert.nn.graph.Dims;
import org.aubert.nn.graph.LayerNorm;
import org.aubert.nn.graph.Linear;
import org.aubert.nn.graph.Nn;
import org.aubert.nn.graph.Scope;

/**
 * Maps a pooled vector [B, H] into the joint space [B, P].
 *
 * <ul>
 *   <li>{@code LINEAR}: {@code dense} H -> P.</li>
 *   <li>{@code MLP}: residual block {@code LN(x + drop(fc2(gelu(fc1(x)))))} with fc1, fc2 P -> P. When P differs from
 *   H, {@code input} (H -> P, linear) projects first, so the residual adds vectors of the same space and the block
 *   stays a refinement of a linear projection (the alternative, an MLP H -> P without a residual, loses the identity
 *   path that makes the head easy to train from the encoders' features).</li>
 * </ul>
 */
public final class ProjectionHead {
    /** LayerNorm epsilon of the MLP head (PyTorch's default; our LayerNorm is hand-written, so any eps is exact). */
    static final double LN_EPS = 1e-5;

    private final Scope scope;
    private final AubertConfig.ProjectionHeadType type;
    private final Linear input;
    private final Linear fc1;
    private final Linear fc2;
    private final LayerNorm norm;
    private final double dropout;
    private final Dims dims;

    /** @param batchDim the symbol of the batch size in dropout-mask shapes */
    public ProjectionHead(Scope scope, AubertConfig.ProjectionHeadType type, long hidden, long proj, double dropout, String batchDim) {
        this.scope = scope;
        this.type = type;
        this.dropout = dropout;
        this.dims = Dims.of(batchDim, proj);
        if (type == AubertConfig.ProjectionHeadType.LINEAR) {
            this.input = new Linear(scope, "dense", hidden, proj, true);
            this.fc1 = null;
            this.fc2 = null;
            this.norm = null;
        } else {
            this.input = hidden == proj ? null : new Linear(scope, "input", hidden, proj, true);
            this.fc1 = new Linear(scope, "fc1", proj, proj, true);
            this.fc2 = new Linear(scope, "fc2", proj, proj, true);
            this.norm = new LayerNorm(scope, "layer_norm", proj, LN_EPS);
        }
    }

    /** [B, H] to [B, P]. */
    public SDVariable forward(SDVariable pooled) {
        if (type == AubertConfig.ProjectionHeadType.LINEAR) return input.forward(pooled, 2);
        SDVariable x = input == null ? pooled : input.forward(pooled, 2);
        SDVariable h = fc2.forward(Nn.geluExact(scope.sd(), fc1.forward(x, 2)), 2);
        return norm.forward(x.add(scope.dropout(h, dropout, dims)));
    }
}
