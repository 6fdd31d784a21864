package org.c4tap.core.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compares {@link Ssdeep} with the real {@code ssdeep} tool (Debian package {@code ssdeep}, 2.14.1)
 * on generated files.
 */
class SsdeepTest {

    /**
     * Seven bytes after which the rolling hash is 0xffffffff (found by a random search): the one
     * value ssdeep never ends a piece at, although it is a multiple of every block size.
     */
    private static final byte[] ROLLING_HASH_ALL_ONES = {
        (byte) 0xe4, (byte) 0xfe, 0x38, (byte) 0xfa, (byte) 0xbf, (byte) 0xcb, (byte) 0xb4,
    };

    /** Repeated, these four bytes end a piece of every block size up to 3 << 15 every 4 bytes. */
    private static final byte[] ENDS_PIECES_UP_TO_3_SHL_15 = {(byte) 207, 125, (byte) 227, (byte) 134};

    @TempDir
    Path directory;

    static Stream<Arguments> inputs() {
        return Stream.of(
                input("empty", () -> new byte[0]),
                input("one letter", () -> "a".getBytes(StandardCharsets.US_ASCII)),
                input("one zero byte", () -> new byte[1]),
                input("2 random bytes", () -> SampleBytes.random(2, 1)),
                input("7 random bytes, one window", () -> SampleBytes.random(7, 2)),
                input("63 random bytes", () -> SampleBytes.random(63, 3)),
                input("64 random bytes", () -> SampleBytes.random(64, 4)),
                input("65 random bytes", () -> SampleBytes.random(65, 5)),
                input("192 random bytes, 3 * 64", () -> SampleBytes.random(192, 6)),
                input("193 random bytes", () -> SampleBytes.random(193, 7)),
                input("3072 random bytes", () -> SampleBytes.random(3072, 8)),
                input("6144 random bytes", () -> SampleBytes.random(6144, 9)),
                input("6145 random bytes", () -> SampleBytes.random(6145, 10)),
                input("100 kB random", () -> SampleBytes.random(100_000, 11)),
                input("1 MiB random", () -> SampleBytes.random(1 << 20, 12)),
                input("4096 zero bytes, rolling hash stays zero", () -> new byte[4096]),
                input("1000 0xff bytes", () -> SampleBytes.filled(1000, 0xff)),
                input("100000 letters A", () -> SampleBytes.filled(100_000, 'A')),
                input("abc repeated", () -> SampleBytes.repeated("abc", 100_000)),
                input("97 random bytes repeated", () -> repeatedUnit(97, 64 * 1024, 13)),
                input("1000 random bytes repeated", () -> repeatedUnit(1000, 300_000, 14)),
                input("counting bytes", SsdeepTest::countingBytes),
                input("ASCII document", () -> SampleBytes.asciiDocument(2000, 15)),
                input("ASCII document ending in zeros",
                        () -> SampleBytes.concat(SampleBytes.asciiDocument(300, 16), new byte[7])),
                input("random ending in zeros",
                        () -> SampleBytes.concat(SampleBytes.random(200_000, 17), new byte[64])),
                // "koob" ends a piece of every block size up to 3 << 14 every 4 bytes.
                input("full signatures at two block sizes", () -> SampleBytes.repeated("koob", 150_000)),
                input("full signatures, ending in zeros", () -> SampleBytes.concat(
                        SampleBytes.repeated("koob", 150_000), SampleBytes.random(1000, 19), new byte[7])),
                input("full signatures, size exactly 3072 * 64", () -> SampleBytes.repeated("koob", 3072 * 64)),
                input("rolling hash all ones", () -> SampleBytes.concat(
                        SampleBytes.random(5000, 20), ROLLING_HASH_ALL_ONES, SampleBytes.random(5000, 21))),
                // A short stretch that ends pieces of many block sizes at once, then nothing ends
                // a piece for long: the live hashes span many words and the half-full ones end
                // at a word boundary.
                input("pieces of 16 block sizes at once, then zeros", () -> SampleBytes.concat(
                        SampleBytes.repeated(ENDS_PIECES_UP_TO_3_SHL_15, 160), new byte[3_200_000],
                        SampleBytes.random(5, 1))),
                // "wdba" ends a piece of every block size up to 3 << 8 every 4 bytes.
                input("pieces of 9 block sizes at once, then zeros", () -> SampleBytes.concat(
                        SampleBytes.repeated("wdba", 160), new byte[20_000], SampleBytes.random(5, 1))),
                input("3 MB repeated sentence",
                        () -> SampleBytes.repeated("The quick brown fox jumps over the lazy dog.\n", 3_000_000)),
                input("50 MB random", () -> SampleBytes.random(50 * 1024 * 1024, 18)));
    }

    private static Arguments input(String name, Supplier<byte[]> bytes) {
        return Arguments.of(name, bytes);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void matchesTheSsdeepTool(String name, Supplier<byte[]> input) throws Exception {
        byte[] bytes = input.get();
        Path file = directory.resolve("input");
        Files.write(file, bytes);

        assertThat(hash(bytes, bytes.length)).isEqualTo(ssdeepTool(file));
    }

    @Test
    void doesNotShortenRunsOfIdenticalCharactersAsTheToolDoesNot() throws Exception {
        byte[] bytes = repeatedUnit(97, 64 * 1024, 13);
        Path file = directory.resolve("runs");
        Files.write(file, bytes);

        String tool = ssdeepTool(file);
        assertThat(tool).containsPattern("(.)\\1{3}");
        assertThat(hash(bytes, bytes.length)).isEqualTo(tool);
    }

    @Test
    void knownDigests() {
        assertThat(hash(new byte[0], 1)).isEqualTo("3::");
        assertThat(hash("a".getBytes(StandardCharsets.US_ASCII), 1)).isEqualTo("3:E:E");
    }

    static Stream<Arguments> chunkedInputs() {
        return Stream.of(
                input("100 kB random", () -> SampleBytes.random(100_000, 11)),
                input("ASCII document", () -> SampleBytes.asciiDocument(2000, 15)),
                input("random ending in zeros",
                        () -> SampleBytes.concat(SampleBytes.random(200_000, 17), new byte[64])),
                input("1 MiB random", () -> SampleBytes.random(1 << 20, 12)),
                input("full signatures, ending in zeros", () -> SampleBytes.concat(
                        SampleBytes.repeated("koob", 150_000), SampleBytes.random(1000, 19), new byte[7])));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chunkedInputs")
    void chunkingDoesNotChangeTheDigest(String name, Supplier<byte[]> input) {
        byte[] bytes = input.get();
        String whole = hash(bytes, bytes.length);

        assertThat(List.of(hash(bytes, 1), hash(bytes, 7), hash(bytes, 64 * 1024)))
                .containsOnly(whole);
    }

    @Test
    void isSingleUse() {
        Ssdeep ssdeep = new Ssdeep();
        ssdeep.digest();

        assertThatThrownBy(ssdeep::digest).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ssdeep.update(new byte[1], 0, 1)).isInstanceOf(IllegalStateException.class);
    }

    private static String hash(byte[] bytes, int chunk) {
        Ssdeep ssdeep = new Ssdeep();
        for (int at = 0; at < bytes.length; at += chunk) {
            ssdeep.update(bytes, at, Math.min(chunk, bytes.length - at));
        }
        return ssdeep.digest();
    }

    private static byte[] repeatedUnit(int unit, int size, long seed) {
        byte[] pattern = SampleBytes.random(unit, seed);
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = pattern[i % unit];
        }
        return bytes;
    }

    private static byte[] countingBytes() {
        byte[] bytes = new byte[300_000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    /** The hash field of {@code ssdeep -s -b FILE}. */
    private static String ssdeepTool(Path file) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder("ssdeep", "-s", "-b", file.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException missing) {
            return fail("This test needs the ssdeep tool on the PATH (Debian: apt-get install ssdeep): "
                    + missing.getMessage());
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("ssdeep finished").isTrue();
        assertThat(process.exitValue()).as("ssdeep exit status").isZero();
        // Line 1 is the header; line 2 is HASH,"file name".
        List<String> lines = output.lines().toList();
        assertThat(lines).as("ssdeep output").hasSize(2);
        String line = lines.get(1);
        return line.substring(0, line.indexOf(",\""));
    }
}
