package org.c4tap.core.registry;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.c4tap.core.smime.Certificates;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the registry file (YAML, documented in {@code config/registry.example.yaml} and
 * {@code config/registry.schema.json}). It collects every problem with its line number instead of
 * stopping at the first, and only returns a registry that has none.
 *
 * <p>Certificates are given as a path (relative to the registry file) or inline as PEM.
 */
public final class RegistryLoader {

    private static final int MAX_BYTES = 16 * 1024 * 1024;
    private static final Set<String> ORGANISATION_KEYS = Set.of(
            "id", "name", "sector", "role", "agreed_to_rules", "active", "gateway_certificates", "addresses");
    private static final Set<String> ADDRESS_KEYS = Set.of("address", "certificates", "gcm");

    private final Path file;
    private final Path base;
    private final List<String> problems = new ArrayList<>();
    private final List<RegisteredCertificate> certificates = new ArrayList<>();
    private String organisationId = "";

    private RegistryLoader(Path file) {
        this.file = file;
        Path parent = file.toAbsolutePath().getParent();
        this.base = parent == null ? Path.of(".") : parent;
    }

    public static Registry load(Path file) throws RegistryException, IOException {
        return loadWithCertificates(file).registry();
    }

    /** The registry, and every certificate it names with its line: what {@code c4tap registry validate} reviews. */
    public static Loaded loadWithCertificates(Path file) throws RegistryException, IOException {
        if (Files.size(file) > MAX_BYTES) {
            throw new RegistryException(file.toString(), List.of("the file is larger than " + MAX_BYTES + " bytes"));
        }
        RegistryLoader loader = new RegistryLoader(file);
        Registry registry = loader.read(utf8(file, Files.readAllBytes(file)));
        return new Loaded(registry, List.copyOf(loader.certificates));
    }

    /** A registry and the certificates its file names, each with its line. */
    public record Loaded(Registry registry, List<RegisteredCertificate> certificates) {
    }

    /**
     * The file's text. A file saved in another encoding (Shift_JIS, for the Japanese names) is a
     * problem with the file, reported with its line like any other, not an I/O failure.
     */
    private static String utf8(Path file, byte[] bytes) throws RegistryException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int offset = in.position();
            int line = 1;
            for (int i = 0; i < offset; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new RegistryException(file.toString(), List.of("line " + line + ": not UTF-8 (byte " + offset
                    + "); save the file as UTF-8"));
        }
        return out.flip().toString();
    }

    private Registry read(String text) throws RegistryException {
        Node root;
        try (Reader reader = new StringReader(text)) {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(20);
            options.setNestingDepthLimit(20);
            root = new Yaml(options).compose(reader);
        } catch (MarkedYAMLException e) {
            throw new RegistryException(file.toString(), List.of("line " + (e.getProblemMark().getLine() + 1) + ": " + e.getProblem()));
        } catch (YAMLException | IOException e) {
            throw new RegistryException(file.toString(), List.of("not readable as YAML: " + e.getMessage()));
        } catch (RuntimeException e) {
            // SnakeYAML reports some malformed input unchecked, such as a tag that decodes to spaces ("!%a")
            throw new RegistryException(file.toString(), List.of("not readable as YAML: " + e.getClass().getSimpleName()
                    + ": " + e.getMessage()));
        }
        if (!(root instanceof MappingNode mapping)) {
            throw new RegistryException(file.toString(), List.of("line 1: the registry must be a mapping with 'version' and 'organisations'"));
        }
        Map<String, Node> top = entries(mapping, Set.of("version", "organisations"));
        Node version = top.get("version");
        if (version == null || !"1".equals(scalar(version))) {
            problem(version == null ? mapping : version, "'version' must be 1");
        }
        List<Organisation> organisations = new ArrayList<>();
        Node list = top.get("organisations");
        if (!(list instanceof SequenceNode sequence)) {
            problem(list == null ? mapping : list, "'organisations' must be a list");
        } else {
            Map<String, Integer> idLines = new HashMap<>();
            Map<String, String> addressOwners = new HashMap<>();
            for (Node item : sequence.getValue()) {
                organisation(item).ifPresent(organisation -> {
                    Integer previous = idLines.putIfAbsent(organisation.id(), line(item));
                    if (previous != null) {
                        problem(item, "organisation id '" + organisation.id() + "' is already used at line " + previous);
                        return;
                    }
                    for (DeliveryAddress address : organisation.addresses()) {
                        String owner = addressOwners.putIfAbsent(address.address(), organisation.id());
                        if (owner != null && !owner.equals(organisation.id())) {
                            problem(item, "address " + address.address() + " is shared with organisation '" + owner + "'");
                        }
                    }
                    organisations.add(organisation);
                });
            }
        }
        if (!problems.isEmpty()) {
            throw new RegistryException(file.toString(), problems);
        }
        return new Registry(organisations);
    }

    private Optional<Organisation> organisation(Node node) {
        if (!(node instanceof MappingNode mapping)) {
            problem(node, "an organisation must be a mapping");
            return Optional.empty();
        }
        int before = problems.size();
        Map<String, Node> fields = entries(mapping, ORGANISATION_KEYS);
        String id = required(mapping, fields, "id");
        organisationId = id == null ? "" : id;
        if (id != null && !id.matches("[a-z0-9][a-z0-9._-]{0,63}")) {
            problem(fields.get("id"), "id '" + id + "' must be lower-case letters, digits, '.', '_' or '-'");
        }
        String nameJa = "";
        String nameEn = "";
        Node name = fields.get("name");
        if (name instanceof MappingNode names) {
            Map<String, Node> languages = entries(names, Set.of("ja", "en"));
            nameJa = languages.containsKey("ja") ? scalar(languages.get("ja")) : "";
            nameEn = languages.containsKey("en") ? scalar(languages.get("en")) : "";
        } else if (name != null) {
            problem(name, "'name' must be a mapping with 'ja' and 'en'");
        }
        Optional<Sector> sector = Optional.empty();
        if (fields.containsKey("sector")) {
            String value = scalar(fields.get("sector"));
            sector = Sector.fromKey(value);
            if (sector.isEmpty()) {
                problem(fields.get("sector"), "unknown sector '" + value + "'; known: " + keys(Sector.values()));
            }
        }
        Role role = null;
        String roleValue = required(mapping, fields, "role");
        if (roleValue != null) {
            role = Role.fromKey(roleValue).orElse(null);
            if (role == null) {
                problem(fields.get("role"), "unknown role '" + roleValue + "'; known: " + keys(Role.values()));
            }
        }
        boolean agreed = bool(fields.get("agreed_to_rules"), false);
        boolean active = bool(fields.get("active"), true);
        List<X509Certificate> gateways = new ArrayList<>();
        Node gatewayNode = fields.get("gateway_certificates");
        if (gatewayNode != null) {
            for (Node certificate : sequence(gatewayNode, "gateway_certificates")) {
                List<X509Certificate> read = certificates(certificate);
                gateways.addAll(read);
                read.forEach(one -> certificates.add(new RegisteredCertificate(line(certificate), organisationId, "gateway",
                        RegisteredCertificate.Use.SIGNS_REPORTS, one)));
            }
        }
        List<DeliveryAddress> addresses = new ArrayList<>();
        Node addressNode = fields.get("addresses");
        if (addressNode == null) {
            problem(mapping, "organisation '" + id + "' has no 'addresses'");
        } else {
            for (Node address : sequence(addressNode, "addresses")) {
                address(address).ifPresent(addresses::add);
            }
        }
        if (problems.size() > before || id == null || role == null) {
            return Optional.empty();
        }
        return Optional.of(new Organisation(id, nameJa, nameEn, sector, role, agreed, active, gateways, addresses));
    }

    private Optional<DeliveryAddress> address(Node node) {
        if (!(node instanceof MappingNode mapping)) {
            problem(node, "an address must be a mapping with 'address' and 'certificates'");
            return Optional.empty();
        }
        Map<String, Node> fields = entries(mapping, ADDRESS_KEYS);
        String address = required(mapping, fields, "address");
        if (address != null && !address.matches("[^@\\s]+@[^@\\s]+")) {
            problem(fields.get("address"), "'" + address + "' is not an e-mail address");
        }
        List<X509Certificate> own = new ArrayList<>();
        Node certificateNode = fields.get("certificates");
        if (certificateNode == null) {
            problem(mapping, "address " + address + " has no 'certificates'");
        } else {
            for (Node certificate : sequence(certificateNode, "certificates")) {
                List<X509Certificate> read = certificates(certificate);
                own.addAll(read);
                read.forEach(one -> certificates.add(new RegisteredCertificate(line(certificate), organisationId,
                        address == null ? "" : address.toLowerCase(Locale.ROOT), RegisteredCertificate.Use.RECEIVES_NOTICES, one)));
            }
        }
        boolean gcm = bool(fields.get("gcm"), false);
        return address == null ? Optional.empty()
                : Optional.of(new DeliveryAddress(address.toLowerCase(Locale.ROOT), own, gcm));
    }

    private List<X509Certificate> certificates(Node node) {
        String value = scalar(node);
        if (value == null || value.isBlank()) {
            problem(node, "a certificate must be a path or inline PEM");
            return List.of();
        }
        try {
            if (value.strip().startsWith("-----BEGIN")) {
                return Certificates.readPem(value);
            }
            Path path = base.resolve(value.strip());
            if (!Files.isRegularFile(path)) {
                problem(node, "certificate file " + path + " does not exist");
                return List.of();
            }
            return Certificates.read(path);
        } catch (IOException | CertificateException e) {
            problem(node, "certificate " + (value.length() > 60 ? "(inline)" : value) + " cannot be read: " + e.getMessage());
            return List.of();
        }
    }

    private List<Node> sequence(Node node, String name) {
        if (node instanceof SequenceNode sequence) {
            return sequence.getValue();
        }
        problem(node, "'" + name + "' must be a list");
        return List.of();
    }

    private Map<String, Node> entries(MappingNode mapping, Set<String> known) {
        Map<String, Node> fields = new HashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = scalar(tuple.getKeyNode());
            if (key == null || !known.contains(key)) {
                problem(tuple.getKeyNode(), "unknown key '" + key + "'; expected one of " + known.stream().sorted().toList());
                continue;
            }
            fields.put(key, tuple.getValueNode());
        }
        return fields;
    }

    private String required(MappingNode mapping, Map<String, Node> fields, String key) {
        Node node = fields.get(key);
        if (node == null) {
            problem(mapping, "missing '" + key + "'");
            return null;
        }
        String value = scalar(node);
        if (value == null || value.isBlank()) {
            problem(node, "'" + key + "' must not be empty");
            return null;
        }
        return value.strip();
    }

    private boolean bool(Node node, boolean fallback) {
        if (node == null) {
            return fallback;
        }
        String value = scalar(node);
        if ("true".equals(value)) {
            return true;
        }
        if ("false".equals(value)) {
            return false;
        }
        problem(node, "expected true or false, found '" + value + "'");
        return fallback;
    }

    private static String scalar(Node node) {
        return node instanceof ScalarNode scalar ? scalar.getValue() : null;
    }

    private void problem(Node node, String message) {
        problems.add("line " + line(node) + ": " + message);
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    private static String keys(Enum<?>[] values) {
        List<String> keys = new ArrayList<>();
        for (Enum<?> value : values) {
            keys.add(value instanceof Sector sector ? sector.key() : value.name().toLowerCase(Locale.ROOT));
        }
        return String.join(", ", keys);
    }
}
