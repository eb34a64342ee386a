package org.vanguard.governance.yaml;

import java.io.Reader;
import java.io.StringReader;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A node of a parsed YAML file that remembers where it came from, so that a value which fails a check is
 * reported at its own line. Only plain data is read (no tags, no anchors to classes).
 */
public final class YamlNode {

    private final String file;
    private final String path;
    private final Node node;

    private YamlNode(String file, String path, Node node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    public static YamlNode parse(String file, String text) {
        return parse(file, new StringReader(text));
    }

    public static YamlNode parse(String file, Reader reader) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        options.setCodePointLimit(1024 * 1024);
        Node root;
        try {
            root = new Yaml(new SafeConstructor(options)).compose(reader);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new GovernanceFileException(file, line, "not valid YAML: " + e.getProblem());
        } catch (RuntimeException e) {
            throw new GovernanceFileException(file, 0, "not valid YAML: " + e.getMessage());
        }
        if (root == null) {
            throw new GovernanceFileException(file, 0, "the file is empty");
        }
        return new YamlNode(file, "", root);
    }

    public int line() {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    public String path() {
        return path.isEmpty() ? "(document)" : path;
    }

    public GovernanceFileException error(String reason) {
        return new GovernanceFileException(file, line(), path() + ": " + reason);
    }

    /**
     * The value of a key. A key given twice is refused at its second occurrence: SnakeYAML's node API does
     * not check duplicates, and silently taking one of two statuses would enforce what nobody reviewed.
     */
    public Optional<YamlNode> field(String name) {
        MappingNode mapping = asMapping();
        YamlNode found = null;
        for (NodeTuple tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals(name)) {
                if (found != null) {
                    throw new YamlNode(file, child(name), tuple.getKeyNode())
                            .error("duplicate key '" + name + "': it appears twice");
                }
                found = new YamlNode(file, child(name), tuple.getValueNode());
            }
        }
        return Optional.ofNullable(found);
    }

    public YamlNode required(String name) {
        return field(name).orElseThrow(() -> error("'" + name + "' is required"));
    }

    /** Refuses keys the schema does not know, so a misspelt clause is never silently ignored. */
    public YamlNode onlyKeys(String... allowed) {
        List<String> known = List.of(allowed);
        for (NodeTuple tuple : asMapping().getValue()) {
            String key = tuple.getKeyNode() instanceof ScalarNode s ? s.getValue() : "?";
            if (!known.contains(key)) {
                throw new YamlNode(file, child(key), tuple.getKeyNode())
                        .error("unknown key '" + key + "'; expected one of " + known);
            }
        }
        return this;
    }

    /** The keys of this mapping, in file order, for mappings whose keys are data (e.g. resource types). */
    public List<String> keys() {
        List<String> keys = new ArrayList<>();
        for (NodeTuple tuple : asMapping().getValue()) {
            keys.add(tuple.getKeyNode() instanceof ScalarNode s ? s.getValue() : "?");
        }
        return keys;
    }

    public String text() {
        if (node instanceof ScalarNode scalar && !scalar.getValue().isBlank()) {
            return scalar.getValue().trim();
        }
        throw error("must be a non-empty text value");
    }

    public Optional<String> optionalText(String name) {
        return field(name).map(YamlNode::text);
    }

    public int integer() {
        try {
            return Integer.parseInt(text());
        } catch (NumberFormatException e) {
            throw error("must be a whole number, not '" + text() + "'");
        }
    }

    public LocalDate date() {
        try {
            return LocalDate.parse(text());
        } catch (DateTimeParseException e) {
            throw error("must be a date as YYYY-MM-DD, not '" + text() + "'");
        }
    }

    public List<YamlNode> items() {
        if (!(node instanceof SequenceNode sequence)) {
            throw error("must be a list");
        }
        List<YamlNode> items = new ArrayList<>();
        List<Node> values = sequence.getValue();
        for (int i = 0; i < values.size(); i++) {
            items.add(new YamlNode(file, path() + "[" + i + "]", values.get(i)));
        }
        return items;
    }

    /** Converts this value with a checking constructor; its refusal becomes an error at this line. */
    public <T> T as(Function<String, T> converter) {
        String value = text();
        try {
            return converter.apply(value);
        } catch (IllegalArgumentException e) {
            throw error(String.valueOf(e.getMessage()));
        }
    }

    /** Runs a check that may refuse with {@link IllegalArgumentException}, reporting it at this node. */
    public <T> T check(java.util.function.Supplier<T> construction) {
        try {
            return construction.get();
        } catch (IllegalArgumentException e) {
            throw error(String.valueOf(e.getMessage()));
        }
    }

    private MappingNode asMapping() {
        if (node instanceof MappingNode mapping) {
            return mapping;
        }
        throw error("must be a mapping of keys to values");
    }

    private String child(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
