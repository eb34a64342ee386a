package org.vanguard.hub.governance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.vanguard.governance.agreement.Agreement;
import org.vanguard.governance.agreement.AgreementCatalogue;
import org.vanguard.governance.agreement.AgreementFileReader;
import org.vanguard.governance.agreement.AgreementStore;
import org.vanguard.governance.participant.ParticipantDirectory;
import org.vanguard.governance.yaml.GovernanceFileException;

/**
 * Agreements authored as YAML files, one per agreement. A reload reads every file first and swaps the
 * catalogue only if all are valid, so a bad file never leaves the hub with half a set of agreements.
 */
public final class FileAgreementStore implements AgreementStore {

    private final ResourcePatternResolver resolver;
    private final String pattern;
    private final AgreementFileReader reader;
    private final AtomicReference<AgreementCatalogue> current = new AtomicReference<>(AgreementCatalogue.empty());

    public FileAgreementStore(ResourcePatternResolver resolver, String pattern, ParticipantDirectory participants) {
        this.resolver = resolver;
        this.pattern = pattern;
        this.reader = new AgreementFileReader(participants);
    }

    @Override
    public AgreementCatalogue current() {
        return current.get();
    }

    /**
     * Reads all agreement files; on any invalid file throws {@link GovernanceFileException}, naming file and
     * line, and keeps the previous catalogue.
     */
    public AgreementCatalogue reload() {
        List<Agreement> agreements = new ArrayList<>();
        try {
            Resource[] resources = resolver.getResources(pattern);
            Arrays.sort(resources, Comparator.comparing(Resource::getDescription));
            for (Resource resource : resources) {
                String name = resource.getFilename() == null ? resource.getDescription() : resource.getFilename();
                agreements.add(reader.read(name, resource.getContentAsString(StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read agreements from " + pattern, e);
        }
        AgreementCatalogue catalogue;
        try {
            catalogue = new AgreementCatalogue(agreements);
        } catch (IllegalArgumentException e) {
            throw new GovernanceFileException(pattern, 0, e.getMessage());
        }
        current.set(catalogue);
        return catalogue;
    }
}
