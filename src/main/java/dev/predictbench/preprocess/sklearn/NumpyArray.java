package dev.predictbench.preprocess.sklearn;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A numpy array rebuilt from its pickled state (shape, dtype, raw bytes or, for
 * object arrays, a list). Only what scikit-learn's scalers and encoders store is
 * decoded: floats, integers, booleans, fixed-width unicode and objects.
 */
public final class NumpyArray {

    private int[] shape = new int[0];
    private Dtype dtype;
    private List<Object> values = List.of();

    NumpyArray() {
    }

    static NumpyArray of(Dtype dtype, int[] shape, byte[] raw) {
        NumpyArray array = new NumpyArray();
        array.dtype = dtype;
        array.shape = shape;
        // Arrays of other kinds (datetimes, records) can sit in an estimator PredictBench never reads.
        array.values = dtype.isSupported() ? dtype.decode(raw, count(shape)) : null;
        return array;
    }

    static NumpyArray ofObjects(Dtype dtype, int[] shape, List<?> objects) {
        NumpyArray array = new NumpyArray();
        array.dtype = dtype;
        array.shape = shape;
        array.values = new ArrayList<>(objects);
        return array;
    }

    /** BUILD state of ndarray: (version, shape, dtype, is_fortran, raw bytes or list). */
    public void __setstate__(Object[] state) {
        if (state.length != 5) {
            throw new IllegalArgumentException("unexpected ndarray state of " + state.length + " fields");
        }
        int[] parsedShape = shape(state[1]);
        Dtype parsedDtype = (Dtype) state[2];
        if (Boolean.TRUE.equals(state[3]) && parsedShape.length > 1) {
            throw new IllegalArgumentException("Fortran-ordered arrays of more than one dimension are not read");
        }
        NumpyArray built = state[4] instanceof List<?> list ? ofObjects(parsedDtype, parsedShape, list)
                : of(parsedDtype, parsedShape, bytes(state[4]));
        this.shape = built.shape;
        this.dtype = built.dtype;
        this.values = built.values;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int size() {
        return values().size();
    }

    /** The items; object arrays may hold None, which comes back as null. */
    public List<Object> values() {
        if (values == null) {
            throw new IllegalArgumentException("numpy arrays of dtype '" + dtype.spec + "' are not read");
        }
        return java.util.Collections.unmodifiableList(values);
    }

    public double[] toDoubles() {
        List<Object> items = values();
        double[] out = new double[items.size()];
        for (int i = 0; i < out.length; i++) {
            Object v = items.get(i);
            if (!(v instanceof Number number)) {
                throw new IllegalArgumentException("expected numbers, found " + v);
            }
            out[i] = number.doubleValue();
        }
        return out;
    }

    /** The items as the text a CSV written by pandas holds for them (True, 3, 2.5, nan). */
    public List<String> toStrings() {
        List<String> out = new ArrayList<>(values().size());
        for (Object v : values()) {
            out.add(pythonText(v));
        }
        return out;
    }

    static String pythonText(Object v) {
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof Double d) {
            if (d.isNaN()) {
                return "nan";
            }
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : d.toString();
        }
        return v == null ? "None" : String.valueOf(v);
    }

    static int[] shape(Object shape) {
        Object[] dims = (Object[]) shape;
        int[] out = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            out[i] = ((Number) dims[i]).intValue();
        }
        return out;
    }

    static int count(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        if (n > 5_000_000) {
            throw new IllegalArgumentException("array of " + n + " elements is too large for a preprocessor");
        }
        return (int) n;
    }

    static byte[] bytes(Object raw) {
        if (raw instanceof byte[] b) {
            return b;
        }
        if (raw instanceof String s) {
            // Protocol 0/1 strings carry bytes as latin-1 text.
            return s.getBytes(StandardCharsets.ISO_8859_1);
        }
        throw new IllegalArgumentException("expected raw array bytes, found " + (raw == null ? "None" : raw.getClass()));
    }

    /** A numpy dtype: kind (f, i, u, b, O, U), item size and byte order. */
    public static final class Dtype {
        private final String spec;
        private final char kind;
        private final int itemSize;
        private ByteOrder order = ByteOrder.LITTLE_ENDIAN;

        Dtype(String spec) {
            this.spec = spec;
            String s = spec.replaceAll("^[<>|=]", "");
            if (s.isEmpty()) {
                throw new IllegalArgumentException("empty numpy dtype");
            }
            this.kind = s.charAt(0);
            String digits = s.substring(1).replaceAll("\\D.*", "");
            int size = digits.isEmpty() ? 8 : Integer.parseInt(digits);
            this.itemSize = kind == 'U' ? size * 4 : size;
            if (spec.startsWith(">")) {
                order = ByteOrder.BIG_ENDIAN;
            }
        }

        boolean isSupported() {
            return "fiubOUS".indexOf(kind) >= 0;
        }

        /** BUILD state of dtype: (version, byteorder, ...). */
        public void __setstate__(Object[] state) {
            if (state.length > 1 && ">".equals(state[1])) {
                order = ByteOrder.BIG_ENDIAN;
            }
        }

        boolean isObject() {
            return kind == 'O';
        }

        /** numpy's name of the type: float64, int32, uint8, bool, or the spec for others. */
        String typeName() {
            return switch (kind) {
                case 'f' -> "float" + itemSize * 8;
                case 'i' -> "int" + itemSize * 8;
                case 'u' -> "uint" + itemSize * 8;
                case 'b' -> "bool";
                default -> spec;
            };
        }

        int itemSize() {
            return itemSize;
        }

        List<Object> decode(byte[] raw, int count) {
            if (isObject()) {
                throw new IllegalArgumentException("object arrays are pickled as lists, not bytes");
            }
            if (!isSupported()) {
                throw new IllegalArgumentException("numpy arrays of dtype '" + spec + "' are not read");
            }
            if (raw.length < (long) count * itemSize) {
                throw new IllegalArgumentException("array data is truncated: " + raw.length + " bytes for " + count
                        + " items of " + itemSize);
            }
            ByteBuffer buffer = ByteBuffer.wrap(raw).order(order);
            List<Object> out = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                out.add(read(buffer, i * itemSize));
            }
            return out;
        }

        Object read(ByteBuffer b, int at) {
            return switch (kind) {
                case 'f' -> switch (itemSize) {
                    case 4 -> (double) b.getFloat(at);
                    case 8 -> b.getDouble(at);
                    default -> throw new IllegalArgumentException("float" + itemSize * 8 + " is not supported");
                };
                case 'i' -> switch (itemSize) {
                    case 1 -> (long) b.get(at);
                    case 2 -> (long) b.getShort(at);
                    case 4 -> (long) b.getInt(at);
                    case 8 -> b.getLong(at);
                    default -> throw new IllegalArgumentException("int" + itemSize * 8 + " is not supported");
                };
                case 'u' -> switch (itemSize) {
                    case 1 -> (long) (b.get(at) & 0xff);
                    case 2 -> (long) (b.getShort(at) & 0xffff);
                    case 4 -> b.getInt(at) & 0xffffffffL;
                    case 8 -> b.getLong(at);
                    default -> throw new IllegalArgumentException("uint" + itemSize * 8 + " is not supported");
                };
                case 'b' -> b.get(at) != 0;
                case 'U' -> {
                    StringBuilder text = new StringBuilder();
                    for (int k = 0; k < itemSize; k += 4) {
                        int cp = b.getInt(at + k);
                        if (cp == 0) {
                            break;
                        }
                        text.appendCodePoint(cp);
                    }
                    yield text.toString();
                }
                case 'S' -> {
                    int end = 0;
                    while (end < itemSize && b.get(at + end) != 0) {
                        end++;
                    }
                    byte[] raw = new byte[end];
                    b.get(at, raw);
                    yield new String(raw, StandardCharsets.ISO_8859_1);
                }
                default -> throw new IllegalStateException("unreachable dtype kind " + kind);
            };
        }
    }
}
