package org.vanguard.governance.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AuditChainTests {

    private static List<AuditChain.Link> chain(int length) {
        List<AuditChain.Link> links = new ArrayList<>();
        String previous = AuditChain.GENESIS;
        for (int seq = 1; seq <= length; seq++) {
            String content = AuditChain.canonical(List.of("decision " + seq, "PERMIT"));
            String hash = AuditChain.hash(previous, seq, content);
            links.add(new AuditChain.Link(seq, 100 + seq, content, previous, hash));
            previous = hash;
        }
        return links;
    }

    private static String last(List<AuditChain.Link> links) {
        return links.get(links.size() - 1).hash();
    }

    @Test
    @DisplayName("an untouched chain verifies with no breaks")
    void intact() {
        List<AuditChain.Link> links = chain(5);
        assertThat(AuditChain.verify(links, 5, last(links))).isEmpty();
    }

    @Test
    @DisplayName("an edited record is named as edited, at its own sequence number")
    void edited() {
        List<AuditChain.Link> links = chain(5);
        AuditChain.Link third = links.get(2);
        links.set(
                2,
                new AuditChain.Link(
                        3,
                        third.rowId(),
                        AuditChain.canonical(List.of("decision 3", "DENY")),
                        third.previousHash(),
                        third.hash()));

        assertThat(AuditChain.verify(links, 5, last(links))).singleElement().satisfies(b -> {
            assertThat(b.seq()).isEqualTo(3);
            assertThat(b.problem()).contains("edited");
        });
    }

    @Test
    @DisplayName("a removed record in the middle is named as missing")
    void removedInTheMiddle() {
        List<AuditChain.Link> links = chain(5);
        links.remove(1);

        assertThat(AuditChain.verify(links, 5, last(links)))
                .anySatisfy(b -> assertThat(b.problem()).contains("records 2 to 2 are missing"));
    }

    @Test
    @DisplayName("records removed from the end are found from the chain head")
    void removedAtTheEnd() {
        List<AuditChain.Link> links = chain(5);
        String headHash = last(links);
        links.remove(4);

        assertThat(AuditChain.verify(links, 5, headHash))
                .singleElement()
                .satisfies(b -> assertThat(b.problem()).contains("missing at the end"));
    }

    @Test
    @DisplayName("two records swapped are named as out of order")
    void swapped() {
        List<AuditChain.Link> links = chain(5);
        AuditChain.Link two = links.get(1);
        AuditChain.Link three = links.get(2);
        links.set(1, new AuditChain.Link(2, two.rowId(), three.canonicalContent(), two.previousHash(), two.hash()));
        links.set(2, new AuditChain.Link(3, three.rowId(), two.canonicalContent(), three.previousHash(), three.hash()));

        assertThat(AuditChain.verify(links, 5, last(links)))
                .extracting(AuditChain.Break::seq)
                .contains(2L, 3L);
    }

    @Test
    @DisplayName("moving a separator between fields changes the canonical form, so it changes the hash")
    void canonicalIsUnambiguous() {
        assertThat(AuditChain.canonical(List.of("a;", "b"))).isNotEqualTo(AuditChain.canonical(List.of("a", ";b")));
        assertThat(AuditChain.canonical(java.util.Arrays.asList("", null)))
                .isNotEqualTo(AuditChain.canonical(List.of("", "")));
    }
}
