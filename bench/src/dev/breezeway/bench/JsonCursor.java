package dev.breezeway.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the cursor of a deep JSON list page by walking the API, the way a client would reach it:
 * {@code JsonCursor --base http://127.0.0.1:PORT --session TOKEN --page 2000 --limit 50} prints the
 * {@code lastCursor} of page 1,999 (orderBy name), so {@code after=<it>} is page 2,000. It walks in
 * pages of 100 (the API's maximum) and finishes with one smaller page, which lands on the same row.
 */
public final class JsonCursor {
    private static final Pattern LAST = Pattern.compile("\"lastCursor\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    private JsonCursor() {
    }

    public static void main(String[] args) throws Exception {
        String base = BenchEnv.arg(args, "base", "BENCH_BASE", "http://127.0.0.1:8080");
        String session = BenchEnv.arg(args, "session", "BENCH_SESSION", "");
        int page = Integer.parseInt(BenchEnv.arg(args, "page", "BENCH_JSON_PAGE", "2000"));
        int limit = Integer.parseInt(BenchEnv.arg(args, "limit", "BENCH_JSON_LIMIT", "50"));
        long rowsBefore = (long) (page - 1) * limit;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String cursor = null;
        long walked = 0;
        int calls = 0;
        long started = System.nanoTime();
        while (walked < rowsBefore) {
            int step = (int) Math.min(100, rowsBefore - walked);
            String url = base + "/resources/iam/principals?orderBy=name&limit=" + step
                    + (cursor == null ? "" : "&after=" + cursor);
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + session).timeout(Duration.ofSeconds(120)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher m = LAST.matcher(r.body());
            if (r.statusCode() != 200 || !m.find()) {
                throw new IllegalStateException("JSON list answered " + r.statusCode() + " after " + walked + " rows: "
                        + r.body().substring(0, Math.min(300, r.body().length())));
            }
            cursor = m.group(1);
            walked += step;
            calls++;
        }
        System.err.printf("json-cursor: page %d (limit %d) starts after row %,d; %d calls in %.1f s%n", page, limit,
                rowsBefore, calls, (System.nanoTime() - started) / 1e9);
        System.out.println(cursor == null ? "" : cursor);
    }
}
