package dev.predictbench.preprocess.sklearn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import net.razorvine.pickle.PickleUtils;

/**
 * joblib's NumpyArrayWrapper: its pickled state describes an array whose bytes
 * follow in the stream right after it (after optional alignment padding), or, for
 * object arrays, a nested pickle of the array.
 */
public final class JoblibArray {

    private final RestrictedUnpickler unpickler;
    private NumpyArray array;

    JoblibArray(RestrictedUnpickler unpickler) {
        this.unpickler = unpickler;
    }

    NumpyArray array() {
        return array;
    }

    public void __setstate__(HashMap<String, Object> state) {
        try {
            NumpyArray.Dtype dtype = (NumpyArray.Dtype) state.get("dtype");
            int[] shape = NumpyArray.shape(state.get("shape"));
            if ("F".equals(state.get("order")) && shape.length > 1) {
                throw new IllegalArgumentException("Fortran-ordered arrays of more than one dimension are not read");
            }
            if (dtype.isObject()) {
                Object nested = unpickler.loadNested();
                array = nested instanceof NumpyArray a ? a : NumpyArray.ofObjects(dtype, shape, (java.util.List<?>) nested);
                return;
            }
            if (state.get("numpy_array_alignment_bytes") != null) {
                int padding = PickleUtils.readbytes(unpickler.stream(), 1)[0];
                PickleUtils.readbytes(unpickler.stream(), padding);
            }
            long length = (long) NumpyArray.count(shape) * dtype.itemSize();
            array = NumpyArray.of(dtype, shape, PickleUtils.readbytes(unpickler.stream(), length));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
