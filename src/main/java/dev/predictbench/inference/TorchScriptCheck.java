package dev.predictbench.inference;

import dev.predictbench.InputException;
import dev.predictbench.inference.TorchScriptTokens.Kind;
import dev.predictbench.inference.TorchScriptTokens.Token;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads a TorchScript archive's code and pickles before libtorch loads it, and refuses a
 * model whose code calls anything but pure computation. TorchScript is a program:
 * {@code torch.from_file} reads any file, {@code torch.save} writes one, {@code print}
 * writes to the terminal. libtorch compiles the archive's {@code code/*.py} files, so every
 * name they reach is checked against {@link TorchScriptAllowList}: {@code torch.X},
 * {@code ops.NS.X}, methods and attributes ({@code value.X}), {@code getattr} by string,
 * {@code __torch__.*} classes (the archive's own, or quantization's packed weights) and the
 * globals the pickles import. Anything not listed is refused, naming it and where it is.
 */
public final class TorchScriptCheck {

    /** Far above any real model's code or pickles (the weights live in data/, not in these). */
    static final int MAX_ENTRY_BYTES = 64 << 20;

    private static final Map<String, String> WHY = Map.ofEntries(
            Map.entry("from_file", "reads a file"), Map.entry("load", "reads a file"),
            Map.entry("save", "writes a file"), Map.entry("print", "prints to the terminal"),
            Map.entry("Print", "prints to the terminal"), Map.entry("manual_seed", "changes global state"),
            Map.entry("seed", "changes global state"), Map.entry("set_grad_enabled", "changes global state"),
            Map.entry("set_num_threads", "changes global state"), Map.entry("fork", "starts work on another thread"),
            Map.entry("awaitable", "starts work on another thread"), Map.entry("wait", "waits on another thread"),
            Map.entry("rpc_async", "calls another process"), Map.entry("rpc_sync", "calls another process"),
            Map.entry("rpc_remote", "calls another process"), Map.entry("set_", "points a tensor at other memory"));

    /** TorchScript built-ins that act outside the computation (print) or start other work. */
    private static final Set<String> REFUSED_ROOTS = Set.of("print", "fork", "awaitable", "wait", "rpc_async",
            "rpc_sync", "rpc_remote", "setattr", "delattr");

    private final TorchScriptAllowList allowed;
    private final Map<String, List<Token>> code = new LinkedHashMap<>();
    private final Set<String> definitions = new HashSet<>();
    private final Set<String> members = new HashSet<>();

    private TorchScriptCheck(TorchScriptAllowList allowed) {
        this.allowed = allowed;
    }

    /** Refuses (InputException naming the file) a model that is not pure computation. */
    public static void check(Path model) {
        try (ZipFile zip = new ZipFile(model.toFile(), StandardCharsets.UTF_8)) {
            new TorchScriptCheck(TorchScriptAllowList.DEFAULT).read(zip).checkAll();
        } catch (ZipException e) {
            throw new InputException(model + ": not a TorchScript model (torch.jit.save writes a zip archive; this is not one); "
                    + "export the model with torch.jit.script or torch.jit.trace and torch.jit.save");
        } catch (IOException e) {
            throw new InputException(model + ": cannot be read (" + e.getMessage() + ")", e);
        } catch (Refused e) {
            throw new InputException(model + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new InputException(model + ": its TorchScript cannot be checked (" + e.getMessage() + ")");
        }
    }

    private TorchScriptCheck read(ZipFile zip) throws IOException {
        Set<String> names = new HashSet<>();
        String top = null;
        List<ZipEntry> pickles = new ArrayList<>();
        try {
            for (var entries = zip.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                if (!names.add(name)) {
                    throw new Refused("the archive holds " + name + " twice; libtorch would read one of them unchecked");
                }
                String folder = name.contains("/") ? name.substring(0, name.indexOf('/')) : "";
                if (top == null) {
                    top = folder;
                } else if (!top.equals(folder)) {
                    throw new Refused("the archive's entries lie in more than one top folder (" + top + ", " + folder
                            + "); torch.jit.save writes one");
                }
                if (name.endsWith(".py")) {
                    String module = module(name, top);
                    code.put(name, tokens(name, text(zip, entry)));
                    definitions.add(module);
                } else if (name.endsWith(".pkl") || name.endsWith(".debug_pkl")) {
                    pickles.add(entry);
                }
            }
        } catch (IllegalArgumentException e) {   // a name that is not UTF-8
            throw new Refused("an entry's name cannot be read (" + e.getMessage() + ")");
        }
        if (code.isEmpty()) {
            throw new Refused("not a TorchScript model: the archive holds no TorchScript code (code/*.py), as a"
                    + " state_dict saved with torch.save does not; export the model with torch.jit.script or"
                    + " torch.jit.trace and torch.jit.save");
        }
        code.forEach((name, tokens) -> collectDefinitions(module(name, topOf(name)), tokens));
        for (ZipEntry pickle : pickles) {
            checkGlobals(pickle.getName(), bytes(zip, pickle));
        }
        return this;
    }

    private void checkAll() {
        code.forEach(this::checkCode);
    }

    /** "__torch__.torch.nn.modules.linear" for "archive/code/__torch__/torch/nn/modules/linear.py". */
    private static String module(String entry, String top) {
        String path = entry.substring(top.isEmpty() ? 0 : top.length() + 1);
        if (path.startsWith("code/")) {
            path = path.substring("code/".length());
        }
        return path.substring(0, path.length() - ".py".length()).replace('/', '.');
    }

    private static String topOf(String entry) {
        return entry.contains("/") ? entry.substring(0, entry.indexOf('/')) : "";
    }

    /** Classes and functions the archive defines, and the attribute and method names it declares. */
    private void collectDefinitions(String module, List<Token> tokens) {
        Token statement = null;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.startsLine()) {
                statement = t;
            }
            if ((t.is("class") || t.is("def")) && i + 1 < tokens.size() && tokens.get(i + 1).kind() == Kind.NAME) {
                String name = tokens.get(i + 1).text();
                definitions.add(module + "." + name);
                members.add(name);
            } else if (t.kind() == Kind.NAME && t.startsLine() && i + 1 < tokens.size() && tokens.get(i + 1).is(":")) {
                members.add(t.text());   // an attribute declared in a class body: "weight : Tensor"
            } else if (t.kind() == Kind.STRING && statement != null
                    && Set.of("__annotations__", "__parameters__", "__buffers__").contains(statement.text())) {
                members.add(t.text());
            }
        }
    }

    private void checkCode(String file, List<Token> tokens) {
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.kind() != Kind.NAME) {
                continue;
            }
            if (i > 0 && tokens.get(i - 1).is(".")) {
                checkMember(file, t, t.text());
                continue;
            }
            switch (t.text()) {
                case "torch" -> i = checkTorch(file, tokens, i);
                case "ops" -> i = checkOps(file, tokens, i);
                case "__torch__" -> i = checkClass(file, tokens, i);
                case "CONSTANTS" -> i = skipConstant(file, tokens, i);
                case "getattr", "hasattr" -> checkGetattr(file, tokens, i);
                default -> {
                    if (REFUSED_ROOTS.contains(t.text())) {
                        throw refused(file, t, t.text(), t.text());
                    }
                }
            }
        }
    }

    /** torch.NAME: an aten operator, one level deep. */
    private int checkTorch(String file, List<Token> tokens, int at) {
        String name = nameAfterDot(tokens, at);
        if (name == null || (at + 3 < tokens.size() && tokens.get(at + 3).is("."))) {
            throw refused(file, tokens.get(at), "torch" + (name == null ? "" : "." + name + "...")
                    , " (only torch.<operator> is allowed)");
        }
        if (!allowed.allows("aten", name)) {
            throw refused(file, tokens.get(at), "torch." + name, name);
        }
        return at + 2;
    }

    /** ops.NAMESPACE.NAME: an operator of aten, prim or quantized. */
    private int checkOps(String file, List<Token> tokens, int at) {
        String namespace = nameAfterDot(tokens, at);
        String name = namespace == null ? null : nameAfterDot(tokens, at + 2);
        String shown = "ops" + (namespace == null ? "" : "." + namespace) + (name == null ? "" : "." + name);
        if (name == null || (at + 5 < tokens.size() && tokens.get(at + 5).is("."))) {
            throw refused(file, tokens.get(at), shown, " (only ops.<namespace>.<operator> is allowed)");
        }
        if (!Set.of("aten", "prim", "quantized").contains(namespace) || !allowed.allows(namespace, name)) {
            throw refused(file, tokens.get(at), shown, name);
        }
        return at + 4;
    }

    /** __torch__.a.b.C: one of the archive's own classes or functions, or a packed-weights class. */
    private int checkClass(String file, List<Token> tokens, int at) {
        StringBuilder chain = new StringBuilder("__torch__");
        int i = at;
        boolean known = false;
        for (String next = nameAfterDot(tokens, i); next != null; next = nameAfterDot(tokens, i)) {
            chain.append('.').append(next);
            i += 2;
            known |= definitions.contains(chain.toString()) || allowed.allows("classes", chain.toString());
        }
        if (chain.toString().startsWith("__torch__.torch.classes.") && !allowed.allows("classes", chain.toString())) {
            throw refused(file, tokens.get(at), chain.toString(), " (a C++ class outside quantization's packed weights)");
        }
        if (!known) {
            throw refused(file, tokens.get(at), chain.toString(), " (the archive does not define it)");
        }
        return i;
    }

    private int skipConstant(String file, List<Token> tokens, int at) {
        if (nameAfterDot(tokens, at) == null) {
            throw refused(file, tokens.get(at), "CONSTANTS", " (only CONSTANTS.<name> is allowed)");
        }
        return at + 2;
    }

    /** getattr(value, "name"): the string is a member name like value.name. */
    private void checkGetattr(String file, List<Token> tokens, int at) {
        if (at + 1 >= tokens.size() || !tokens.get(at + 1).is("(")) {
            throw refused(file, tokens.get(at), tokens.get(at).text(), " (only called directly)");
        }
        int depth = 0;
        for (int i = at + 1; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.is("(") || t.is("[") || t.is("{")) {
                depth++;
            } else if (t.is(")") || t.is("]") || t.is("}")) {
                if (--depth == 0) {
                    return;
                }
            } else if (depth == 1 && t.is(",") && i + 1 < tokens.size()) {
                Token name = tokens.get(i + 1);
                if (name.kind() == Kind.STRING) {
                    if (!name.text().chars().allMatch(Character::isDigit)) {
                        checkMember(file, name, name.text());
                    }
                    return;
                }
                throw refused(file, name, tokens.get(at).text() + " by a name that is not a string literal", "");
            }
        }
    }

    /** value.NAME: a method or attribute of the archive's classes, an aten operator, or a tensor attribute. */
    private void checkMember(String file, Token at, String name) {
        if (!members.contains(name) && !allowed.allows("aten", name) && !allowed.allows("attributes", name)) {
            throw refused(file, at, "." + name, name);
        }
    }

    private void checkGlobals(String entry, byte[] pickle) {
        Set<String> globals;
        try {
            globals = PickleGlobals.of(pickle);
        } catch (IllegalArgumentException e) {
            throw new Refused(entry + " is not a pickle torch.jit.save writes: " + e.getMessage());
        }
        for (String global : globals) {
            boolean own = global.startsWith("__torch__.") && definitions.contains(global);
            if (!own && !allowed.allows("globals", global) && !allowed.allows("classes", global)) {
                throw new Refused(entry + " imports " + printable(global) + ", which is neither a class of the"
                        + " archive nor one of the tensor types torch.jit.save writes; a model may only compute"
                        + " (allowed names: docs/security.md)");
            }
        }
    }

    private static String nameAfterDot(List<Token> tokens, int at) {
        if (at + 2 < tokens.size() && tokens.get(at + 1).is(".") && tokens.get(at + 2).kind() == Kind.NAME) {
            return tokens.get(at + 2).text();
        }
        return null;
    }

    private static Refused refused(String file, Token at, String what, String operator) {
        String why = operator.startsWith(" ") ? operator.substring(1)
                : WHY.containsKey(operator) ? "which " + WHY.get(operator)
                : "which is not on PredictBench's allow-list of pure computation";
        return new Refused("its TorchScript code uses " + printable(what) + " (" + file + ", line " + at.line() + "), "
                + why + "; a model may only compute (allowed operators: docs/security.md)");
    }

    private static List<Token> tokens(String file, String text) {
        try {
            return TorchScriptTokens.of(text);
        } catch (IllegalArgumentException e) {
            throw new Refused(file + " cannot be read as TorchScript code: " + e.getMessage());
        }
    }

    private static String text(ZipFile zip, ZipEntry entry) throws IOException {
        byte[] bytes = bytes(zip, entry);
        var decoder = StandardCharsets.UTF_8.newDecoder();
        try {
            return decoder.decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new Refused(entry.getName() + " is not UTF-8 text");
        }
    }

    private static byte[] bytes(ZipFile zip, ZipEntry entry) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] bytes = in.readNBytes(MAX_ENTRY_BYTES + 1);
            if (bytes.length > MAX_ENTRY_BYTES) {
                throw new Refused(entry.getName() + " is larger than " + (MAX_ENTRY_BYTES >> 20)
                        + " MiB; a model's code and pickles are far smaller (its weights live in data/)");
            }
            return bytes;
        }
    }

    /** Control characters in names from the file are shown escaped, never sent to the terminal. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(200).forEach(c -> {
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /** A refusal inside the check, turned into one InputException line naming the model file. */
    private static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }
}
