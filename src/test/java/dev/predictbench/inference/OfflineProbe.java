package dev.predictbench.inference;

import dev.predictbench.bundle.BundleLoader;
import dev.predictbench.scoring.OutputLayout;
import dev.predictbench.scoring.ScoredRow;
import dev.predictbench.scoring.ScoredRowSink;
import dev.predictbench.scoring.Scorer;
import dev.predictbench.scoring.ScoringOptions;
import dev.predictbench.scoring.ScoringProgress;
import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Run in a fresh JVM by {@link OfflineEngineTest}: records every URL the process tries
 * to open while the application starts the engine, loads a bundle and scores a file.
 */
public final class OfflineProbe {

    public static void main(String[] args) throws IOException {
        List<String> attempts = Collections.synchronizedList(new ArrayList<>());
        ProxySelector.setDefault(new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                attempts.add(uri.toString());
                return List.of(Proxy.NO_PROXY);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException e) {
            }
        });
        Path bundle = Path.of(args[0]);
        long[] rows = new long[1];
        try (Scorer scorer = Scorer.open(BundleLoader.load(bundle), ScoringOptions.defaults())) {
            scorer.score(bundle.resolve("unseen.csv"), ScoringOptions.defaults(), new ScoredRowSink() {
                @Override
                public void begin(List<String> inputColumns, OutputLayout layout) {
                }

                @Override
                public void accept(ScoredRow row) {
                    rows[0]++;
                }
            }, ScoringProgress.Listener.NONE, () -> false);
        }
        System.out.println("rows=" + rows[0]);
        System.out.println("offline=" + System.getProperty("ai.djl.offline"));
        System.out.println("tracking-opt-out=" + System.getProperty("OPT_OUT_TRACKING"));
        System.out.println("attempts=" + attempts);
        // Proves the recorder works: a real connection attempt must show up.
        try {
            new URL("http://127.0.0.1:9/probe").openConnection().connect();
        } catch (IOException expected) {
            // Nothing listens there; only the attempt matters.
        }
        System.out.println("self-check=" + attempts);
    }
}
