package dev.predictbench.preprocess.sklearn;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;
import net.razorvine.pickle.objects.ClassDictConstructor;

/**
 * Reads a pickle as data. Every class or function a pickle names (GLOBAL and
 * STACK_GLOBAL opcodes) must be on an allow-list: scikit-learn and scipy.sparse
 * classes (rebuilt as plain maps of their attributes, so an unsupported transformer
 * can later be named with its pipeline step) and the numpy and builtin pieces they
 * are made of. Anything else, such as {@code os.system}, is refused before it can be
 * used. Nothing is ever executed: allowed names map to Java code that rebuilds data.
 */
final class RestrictedUnpickler extends Unpickler {

    private static final short GLOBAL = 'c';
    private static final short STACK_GLOBAL = 0x93;
    private static final short INST = 'i';
    private static final short PERSID = 'P';
    private static final short BINPERSID = 'Q';
    private static final short EXT1 = 0x82;
    private static final short EXT2 = 0x83;
    private static final short EXT4 = 0x84;
    private static final short BUILD = 'b';
    private static final short FLOAT = 'F';
    /** Opcodes followed by a length, and how many little-endian bytes that length has. */
    private static final Map<Short, Integer> LENGTH_PREFIXED = Map.of(
            (short) 'X', 4, (short) 0x8d, 8, (short) 'B', 4, (short) 0x8e, 8, (short) 'T', 4, (short) 0x96, 8,
            (short) 0x8b, 4);
    /** No fitted scaler or encoder holds a single value this large; a bigger claim is an attack. */
    static final long MAX_VALUE_BYTES = 64L << 20;

    /**
     * Bounds on the work a pickle can ask for, far above what a fitted transformer needs (a
     * 50,000-word vocabulary memoizes about 100,000 values): a few kilobytes of compressed
     * pickle can otherwise fill the heap with memoized objects or spend minutes on one integer.
     */
    static final int MAX_MEMO = 500_000;
    static final long MAX_OPCODES = 50_000_000;
    static final int MAX_INTEGER_BYTES = 64;
    static final int MAX_NUMBER_TEXT = 400;

    private long opcodes;

    /** Module prefixes whose classes are rebuilt as attribute maps: fitted estimators and sparse matrices. */
    private static final String[] DATA_CLASS_MODULES = {"sklearn.", "scipy.sparse."};

    private final Map<String, IObjectConstructor> allowed = new HashMap<>();

    RestrictedUnpickler() {
        for (String numpy : new String[] {"numpy.core", "numpy._core"}) {
            allowed.put(numpy + ".multiarray._reconstruct", args -> new NumpyArray());
            allowed.put(numpy + ".multiarray.scalar", RestrictedUnpickler::scalar);
            allowed.put(numpy + ".numeric._frombuffer", RestrictedUnpickler::fromBuffer);
        }
        allowed.put("numpy.ndarray", args -> "numpy.ndarray");
        allowed.put("numpy.dtype", args -> new NumpyArray.Dtype((String) args[0]));
        // Scalar types, as a dtype parameter names them (CountVectorizer(dtype=np.float32)).
        for (String type : new String[] {"float64", "float32", "float16", "int64", "int32", "int16", "int8",
                "uint64", "uint32", "uint16", "uint8", "object_", "bool_", "str_"}) {
            allowed.put("numpy." + type, new NumpyType("numpy." + type));
        }
        allowed.put("_codecs.encode", args -> ((String) args[0]).getBytes(StandardCharsets.ISO_8859_1));
        for (String builtins : new String[] {"builtins", "__builtin__"}) {
            allowed.put(builtins + ".object", args -> "object");
            allowed.put(builtins + ".slice", args -> new PySlice(args));
            allowed.put(builtins + ".set", args -> args.length == 0 ? new java.util.HashSet<>()
                    : new java.util.HashSet<>((java.util.Collection<?>) args[0]));
            allowed.put(builtins + ".frozenset", allowed.get(builtins + ".set"));
        }
        // Protocols 0 and 1 build objects as copyreg._reconstructor(cls, object, None).
        IObjectConstructor reconstructor = args -> ((IObjectConstructor) args[0]).construct(new Object[0]);
        allowed.put("copy_reg._reconstructor", reconstructor);
        allowed.put("copyreg._reconstructor", reconstructor);
        allowed.put("joblib.numpy_pickle.NumpyArrayWrapper", args -> new JoblibArray(this));
    }

    /** Reads one more pickle from the same stream (joblib stores object arrays as nested pickles). */
    Object loadNested() throws IOException {
        return new RestrictedUnpickler().load(input);
    }

    InputStream stream() {
        return input;
    }

    @Override
    protected Object dispatch(short key) throws PickleException, IOException {
        if (++opcodes > MAX_OPCODES) {
            throw new RefusedPickleException("runs more than " + String.format("%,d", MAX_OPCODES)
                    + " pickle opcodes, far more than a fitted transformer needs; refused");
        }
        if ((key == 'q' || key == 'r' || key == 'p' || key == 0x94) && memo.size() >= MAX_MEMO) {
            throw new RefusedPickleException("memoizes more than " + String.format("%,d", MAX_MEMO)
                    + " values, far more than a fitted transformer holds; refused");
        }
        if (key == 0x8b) {
            refuseHugeInteger();
        } else if (key == 'I' || key == 'L' || key == FLOAT) {
            refuseLongNumberText();
        }
        Integer lengthBytes = LENGTH_PREFIXED.get(key);
        if (lengthBytes != null) {
            refuseHugeLength(key, lengthBytes);
        }
        switch (key) {
            case GLOBAL -> {
                String module = PickleUtils.readline(input);
                String name = PickleUtils.readline(input);
                stack.add(allow(module, name));
                return NO_RETURN_VALUE;
            }
            case STACK_GLOBAL -> {
                String name = String.valueOf(stack.pop());
                String module = String.valueOf(stack.pop());
                stack.add(allow(module, name));
                return NO_RETURN_VALUE;
            }
            case INST, PERSID, BINPERSID, EXT1, EXT2, EXT4 ->
                    throw new RefusedPickleException("uses opcode 0x" + Integer.toHexString(key)
                            + ", which scikit-learn files do not need; refused");
            case FLOAT -> {
                // Protocol 0 writes floats as text, NaN and infinities the way Python prints them.
                String text = PickleUtils.readline(input);
                stack.add(switch (text) {
                    case "nan" -> Double.NaN;
                    case "inf" -> Double.POSITIVE_INFINITY;
                    case "-inf" -> Double.NEGATIVE_INFINITY;
                    default -> Double.parseDouble(text);
                });
                return NO_RETURN_VALUE;
            }
            case BUILD -> {
                Object result = super.dispatch(key);
                if (stack.peek() instanceof JoblibArray wrapper) {
                    stack.pop();
                    stack.add(wrapper.array());
                }
                return result;
            }
            default -> {
                return super.dispatch(key);
            }
        }
    }

    /** Protocol 0 writes integers as text: a million digits would take minutes to parse. */
    private void refuseLongNumberText() throws IOException {
        input.mark(MAX_NUMBER_TEXT + 2);
        byte[] head = input.readNBytes(MAX_NUMBER_TEXT + 1);
        input.reset();
        for (byte b : head) {
            if (b == '\n') {
                return;
            }
        }
        if (head.length > MAX_NUMBER_TEXT) {
            throw new RefusedPickleException("holds a number written with more than " + MAX_NUMBER_TEXT
                    + " characters, far more than a fitted transformer holds; refused");
        }
    }

    /** LONG4 declares its byte count first: a fitted transformer never holds a 512-bit integer. */
    private void refuseHugeInteger() throws IOException {
        input.mark(4);
        byte[] raw = input.readNBytes(4);
        input.reset();
        long length = raw.length < 4 ? 0 : (raw[0] & 0xff) | (raw[1] & 0xff) << 8 | (raw[2] & 0xff) << 16
                | (long) (raw[3] & 0xff) << 24;
        if (length > MAX_INTEGER_BYTES) {
            throw new RefusedPickleException("holds an integer of " + String.format("%,d", length)
                    + " bytes, far more than a fitted transformer holds; refused");
        }
    }

    /** Peeks at a declared length before the library allocates a buffer of that size. */
    private void refuseHugeLength(short key, int lengthBytes) throws IOException {
        input.mark(lengthBytes);
        byte[] raw = input.readNBytes(lengthBytes);
        input.reset();
        long length = 0;
        for (int i = raw.length - 1; i >= 0; i--) {
            length = (length << 8) | (raw[i] & 0xff);
        }
        if (raw.length == lengthBytes && (length < 0 || length > MAX_VALUE_BYTES)) {
            throw new RefusedPickleException("declares a value of " + length + " bytes (opcode 0x"
                    + Integer.toHexString(key) + "), far more than a scaler or encoder holds; refused");
        }
    }

    private IObjectConstructor allow(String module, String name) {
        IObjectConstructor constructor = allowed.get(module + "." + name);
        if (constructor != null) {
            return constructor;
        }
        for (String prefix : DATA_CLASS_MODULES) {
            // Classes only: scikit-learn's are capitalised, scipy.sparse's are csr_matrix and the like.
            if (module.startsWith(prefix) && !name.startsWith("_")
                    && (Character.isUpperCase(name.charAt(0)) || prefix.startsWith("scipy") && name.endsWith("_matrix"))) {
                return new ClassDictConstructor(module, name);
            }
        }
        throw new RefusedPickleException("names " + module + "." + name + ", which is neither a scikit-learn"
                + " object nor a piece of numpy data, which is all a preprocessing file holds; refused without running"
                + " anything");
    }

    /** A numpy scalar type named as a class (a parameter's value); called, it gives its name. */
    record NumpyType(String name) implements IObjectConstructor {
        @Override
        public Object construct(Object[] args) {
            return name;
        }
    }

    /** Python's slice(start, stop, step), as ColumnTransformer stores a column range. */
    record PySlice(Long start, Long stop, Long step) {
        PySlice(Object[] args) {
            this(arg(args, 0), arg(args, 1), arg(args, 2));
        }

        private static Long arg(Object[] args, int i) {
            return i < args.length && args[i] != null ? toLong(args[i]) : null;
        }
    }

    private static Object scalar(Object[] args) {
        NumpyArray.Dtype dtype = (NumpyArray.Dtype) args[0];
        return dtype.decode(NumpyArray.bytes(args[1]), 1).get(0);
    }

    private static Object fromBuffer(Object[] args) {
        NumpyArray.Dtype dtype = (NumpyArray.Dtype) args[1];
        int[] shape = NumpyArray.shape(args[2]);
        return NumpyArray.of(dtype, shape, NumpyArray.bytes(args[0]));
    }

    static long toLong(Object value) {
        return value instanceof BigInteger big ? big.longValueExact() : ((Number) value).longValue();
    }

    /** A name outside the allow-list, or a construct scikit-learn files never use. */
    static final class RefusedPickleException extends PickleException {
        RefusedPickleException(String message) {
            super(message);
        }
    }
}
