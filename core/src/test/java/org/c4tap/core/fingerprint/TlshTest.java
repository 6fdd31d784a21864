package org.c4tap.core.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compares {@link Tlsh} with the reference implementation.
 *
 * <p>The expected digests were printed by the reference {@code tlsh} tool, version 4.12.1
 * (github.com/trendmicro/tlsh, commit 188c9c8), built with its defaults (128 buckets, 1-byte
 * checksum, sliding window 5), as {@code tlsh -onull -f FILE} on files holding exactly the bytes
 * generated here. {@code TNULL} is its output for inputs without a digest.
 */
class TlshTest {

    private static final String TNULL = "TNULL";

    static Stream<Arguments> referenceDigests() {
        return Stream.of(
                vector("49 random bytes, too short", () -> SampleBytes.random(49, 49), TNULL),
                vector("50 random bytes", () -> SampleBytes.random(50, 50),
                        "T1F99002011530B1B44D11995A5D60040F4642977305180650A66544D89119065E975DA9"),
                vector("51 random bytes", () -> SampleBytes.random(51, 51),
                        "T18190029849044050E85211E655251C106923C3458127353140046CC480522B38D25350"),
                vector("256 random bytes", () -> SampleBytes.random(256, 256),
                        "T1F1D095745D4C49C927F25D076CC55511458B746305D3D18D4FF60D15D3C41C0C196304"),
                vector("1000 random bytes", () -> SampleBytes.random(1000, 1000),
                        "T14111A556123C63B2FDB6804A4200987560D5873A974733ED8BA3F8688670EE1D371A57"),
                vector("4096 random bytes", () -> SampleBytes.random(4096, 4096),
                        "T1BA818F1D78AD24EFFCBB035C709A8822D91A7DE387255C8C209F7B004948541A1762CD"),
                vector("65539 random bytes", () -> SampleBytes.random(65539, 65539),
                        "T13B5302A45D956A14E7C191845006B5F42B35CC4308C06E43E1A7ACFEAB44B2EBE7DA53"),
                vector("1 MiB random", () -> SampleBytes.random(1 << 20, 1),
                        "T11C25330B59B84328BDD9A10BF9A3DF8D1431F67D55A420C7AA92FE353B544FABE13102"),
                // Pairs one byte apart across length class bounds: only the checksum and the
                // length class differ.
                vector("656 random bytes, top of length class 15", () -> SampleBytes.random(656, 656),
                        "T170F0C81D4D0BB701B568253324C58F12B5014C84C14398FC8BCD8D2C8082865FDF0BD9"),
                vector("657 random bytes, length class 16", () -> SampleBytes.random(657, 656),
                        "T1D501C81D4D0BB701B568253324C58F12B5014C84C14398FC8BCD8D2C8082865FDF0FD9"),
                vector("3171 random bytes, top of length class 21", () -> SampleBytes.random(3171, 3171),
                        "T137514C8146F00171E22F6697A841DB3619E7687B6F3FDD0225C2406DD5B9FD8A0608DF"),
                vector("3172 random bytes, length class 22", () -> SampleBytes.random(3172, 3171),
                        "T186614C8146F00171E22F6697A841DB3619E7687B6F3FDD0225C2406DD5B9FD8A0608DF"),
                vector("3199 random bytes, last of the middle formula", () -> SampleBytes.random(3199, 3199),
                        "T197616CA03CD0E52FAF829BB014D147791D1AA9307B4A675A84D30F0CED5EB558BFE11C"),
                vector("3200 random bytes, first of the long formula", () -> SampleBytes.random(3200, 3199),
                        "T129616CA03CD0E52FAF829BB014D147791D1AA9307B4A675A84D30F0CED5EB558BFE11C"),
                vector("50121 random bytes, top of length class 50", () -> SampleBytes.random(50121, 50121),
                        "T1F42302AF12730C152580BDCB0781BBCB4589E153C2D3DE371A667EF706B68E79B01A96"),
                vector("50122 random bytes, length class 51", () -> SampleBytes.random(50122, 50121),
                        "T1403302AF12730C152580BDCB0781BBCB4589E153C2D3DE371A667EF706B68E79B01A96"),
                vector("repeated sentence", () -> SampleBytes.repeated(FOX, 10_000),
                        "T1BD22024A21181794658B18C8838DA4B2D2C8C51061211411A530614229083259CE8551"),
                vector("ASCII document", () -> SampleBytes.asciiDocument(500, 15),
                        "T185F2C1342741089A445A9743F0A9AB63B3DE82C51B9730D095FF530EB668CBEE76427F"),
                vector("letters and digits repeated, 67 buckets used",
                        () -> SampleBytes.repeated("abcdefghijklmnopqrstuvwxyz0123456789", 1000),
                        "T164110032F0236C181802300E3380A80D0EE8C3AA020247B601BC4686CC202414CCAC00"),
                vector("alphabet repeated, 55 buckets used", () -> SampleBytes.repeated(ALPHABET, 1000), TNULL),
                vector("1000 letters A", () -> SampleBytes.filled(1000, 'A'), TNULL),
                vector("50 zero bytes", () -> new byte[50], TNULL),
                vector("abc repeated", () -> SampleBytes.repeated("abc", 1000), TNULL),
                vector("abcdefgh repeated", () -> SampleBytes.repeated("abcdefgh", 1000), TNULL),
                vector("greeting repeated", () -> SampleBytes.repeated("Hello, world! ", 200), TNULL));
    }

    private static final String FOX = "The quick brown fox jumps over the lazy dog.\n";
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz";

    private static Arguments vector(String name, Supplier<byte[]> bytes, String expected) {
        return Arguments.of(name, bytes, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("referenceDigests")
    void matchesTheReferenceImplementation(String name, Supplier<byte[]> input, String expected) {
        byte[] bytes = input.get();

        Optional<String> digest = hash(bytes, bytes.length);

        assertThat(digest.orElse(TNULL)).isEqualTo(expected);
    }

    static Stream<Arguments> chunkedInputs() {
        return Stream.of(
                Arguments.of("50 random bytes", (Supplier<byte[]>) () -> SampleBytes.random(50, 50)),
                Arguments.of("1 MiB random", (Supplier<byte[]>) () -> SampleBytes.random(1 << 20, 1)),
                Arguments.of("ASCII document", (Supplier<byte[]>) () -> SampleBytes.asciiDocument(500, 15)),
                Arguments.of("repeated sentence", (Supplier<byte[]>) () -> SampleBytes.repeated(FOX, 10_000)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chunkedInputs")
    void chunkingDoesNotChangeTheDigest(String name, Supplier<byte[]> input) {
        byte[] bytes = input.get();
        Optional<String> whole = hash(bytes, bytes.length);

        assertThat(whole).isPresent();
        assertThat(List.of(hash(bytes, 1), hash(bytes, 7), hash(bytes, 64 * 1024))).containsOnly(whole);
    }

    @ParameterizedTest(name = "{0} bytes are in length class {1}")
    @CsvSource({
        "50, 9", "656, 15", "657, 16", "3171, 21", "3172, 22", "3199, 22", "3200, 22",
        "50121, 50", "50122, 51", "52428800, 123", "4224281215, 169", "4224281216, 169",
    })
    void lengthClasses(long length, int lengthClass) {
        assertThat(Tlsh.lengthClass(length)).isEqualTo(lengthClass);
    }

    @Test
    void isSingleUse() {
        Tlsh tlsh = new Tlsh();
        tlsh.digest();

        assertThatThrownBy(tlsh::digest).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> tlsh.update(new byte[1], 0, 1)).isInstanceOf(IllegalStateException.class);
    }

    private static Optional<String> hash(byte[] bytes, int chunk) {
        Tlsh tlsh = new Tlsh();
        for (int at = 0; at < bytes.length; at += chunk) {
            tlsh.update(bytes, at, Math.min(chunk, bytes.length - at));
        }
        return tlsh.digest();
    }
}
