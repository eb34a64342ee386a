package org.vanguard.hub.agreement;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;
import org.vanguard.governance.agreement.AgreementTemplate;

/**
 * The care-model agreement templates shipped on the classpath ({@code agreement-templates/}, authored under
 * {@code governance/templates/}), for an IG officer to copy, tailor and commit to the vanguard's agreements.
 */
@Component
public class AgreementTemplates {

    private final ResourceLoader resources;

    public AgreementTemplates(ResourceLoader resources) {
        this.resources = resources;
    }

    public List<AgreementTemplate> all() {
        List<AgreementTemplate> templates = new ArrayList<>();
        for (String name : AgreementTemplate.SHIPPED) {
            find(name).ifPresent(templates::add);
        }
        return templates;
    }

    public Optional<AgreementTemplate> find(String name) {
        if (!AgreementTemplate.SHIPPED.contains(name)) {
            return Optional.empty();
        }
        Resource resource = resources.getResource("classpath:agreement-templates/" + name + ".yaml");
        if (!resource.exists()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new AgreementTemplate(name, resource.getContentAsString(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read agreement template " + name, e);
        }
    }
}
