package org.c4tap.cli.james;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A small client for James's WebAdmin API on loopback: domains, users, aliases, repositories. */
public final class WebAdmin {

    private static final Pattern JSON_STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    public WebAdmin(int port) {
        this.base = URI.create("http://127.0.0.1:" + port);
    }

    public boolean healthy() {
        try {
            return http.send(request("/healthcheck").GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public void addDomain(String domain) throws IOException {
        expect(send(request("/domains/" + encode(domain)).PUT(HttpRequest.BodyPublishers.noBody())), 204);
    }

    public void addUser(String address, String password) throws IOException {
        String body = "{\"password\":\"" + password.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        expect(send(request("/users/" + encode(address)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body))), 204);
    }

    /** Makes {@code source} an alias of the existing user {@code destination}. */
    public void addAlias(String destination, String source) throws IOException {
        expect(send(request("/address/aliases/" + encode(destination) + "/sources/" + encode(source))
                .PUT(HttpRequest.BodyPublishers.noBody())), 204);
    }

    /** The keys of the mails in a repository; empty when the repository does not exist yet. */
    public List<String> repositoryKeys(String repositoryUrl) throws IOException {
        HttpResponse<String> response = send(request("/mailRepositories/" + encode(path(repositoryUrl)) + "/mails").GET());
        if (response.statusCode() == 404) {
            return List.of();
        }
        expect(response, 200);
        List<String> keys = new ArrayList<>();
        Matcher matcher = JSON_STRING.matcher(response.body());
        while (matcher.find()) {
            keys.add(matcher.group(1));
        }
        return keys;
    }

    /** One mail of a repository, as the raw message. */
    public byte[] repositoryMail(String repositoryUrl, String key) throws IOException {
        HttpRequest request = request("/mailRepositories/" + encode(path(repositoryUrl)) + "/mails/" + encode(key))
                .header("Accept", "message/rfc822").GET().build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IOException("WebAdmin " + request.uri() + " answered " + response.statusCode());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** A mail's attributes and state, as WebAdmin renders them (JSON). */
    public String repositoryMailDetails(String repositoryUrl, String key) throws IOException {
        HttpResponse<String> response = send(request("/mailRepositories/" + encode(path(repositoryUrl)) + "/mails/" + encode(key)
                + "?additionalFields=attributes,headers,messageSize").header("Accept", "application/json").GET());
        expect(response, 200);
        return response.body();
    }

    /**
     * Sends a copy of one mail kept in a repository back through {@code processor} (James's
     * reprocessing task, its attributes with it), and leaves the mail where it is
     * ({@code consume=false}): James's default removes it from the repository right after
     * enqueueing the copy, whose content is still read lazily from the repository's file
     * (docs/DURABILITY.md). Delete the kept mail with {@link #deleteRepositoryMail} once the copy
     * has gone through.
     */
    public void reprocess(String repositoryUrl, String key, String processor) throws IOException {
        expect(send(request("/mailRepositories/" + encode(path(repositoryUrl)) + "/mails/" + encode(key)
                + "?action=reprocess&queue=spool&consume=false&processor=" + encode(processor))
                .method("PATCH", HttpRequest.BodyPublishers.noBody())), 201);
    }

    /** Removes one mail from a repository. */
    public void deleteRepositoryMail(String repositoryUrl, String key) throws IOException {
        expect(send(request("/mailRepositories/" + encode(path(repositoryUrl)) + "/mails/" + encode(key)).DELETE()), 204);
    }

    /** How many mails wait in a mail queue (such as RemoteDelivery's {@code c4tap-outgoing}); 0 when it does not exist yet. */
    public long queueSize(String queue) throws IOException {
        HttpResponse<String> response = send(request("/mailQueues/" + encode(queue)).GET());
        if (response.statusCode() == 404) {
            return 0;
        }
        expect(response, 200);
        Matcher size = Pattern.compile("\"size\"\\s*:\\s*(\\d+)").matcher(response.body());
        if (!size.find()) {
            throw new IOException("WebAdmin gave no size for the queue " + queue + ": " + response.body());
        }
        return Long.parseLong(size.group(1));
    }

    /** WebAdmin names a repository by its path only ({@code var/mail/error/}), never its protocol. */
    private static String path(String repositoryUrl) {
        int protocol = repositoryUrl.indexOf("://");
        return protocol < 0 ? repositoryUrl : repositoryUrl.substring(protocol + 3);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void expect(HttpResponse<String> response, int status) throws IOException {
        if (response.statusCode() != status) {
            throw new IOException("WebAdmin " + response.request().method() + " " + response.request().uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
    }

    /**
     * Encodes one path segment. WebAdmin decodes a '+' in a path as a space even when it arrives
     * as %2B, so a literal '+' (a sub-address) is sent encoded twice.
     */
    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("%2B", "%252B");
    }
}
