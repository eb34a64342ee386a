package org.vanguard.hub.web;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;
import org.vanguard.profiles.fhir.FhirInputException;
import org.vanguard.profiles.fhir.InputIssue;
import org.vanguard.profiles.fhir.Rejection;

/**
 * FHIR R4 search results (RESTful API 3.1.1.4, Bundle): each entry with its absolute {@code fullUrl} and
 * {@code search.mode}, {@code total}, a {@code self} link that repeats the search as a GET, and paging by
 * {@code _count} with {@code next} and {@code previous} links. A page is the same search again from an offset:
 * nothing is kept between pages, so a following page is decided (and audited) afresh, as of when it is asked for.
 */
public final class Searchsets {

    /** The most entries one page holds; also the page size when {@code _count} is not given. */
    public static final int MAX_COUNT = 100;

    /** The hub's own paging parameter: where the page starts among the matches. */
    public static final String OFFSET = "_offset";

    private Searchsets() {}

    /**
     * How much of the result a search asks for.
     *
     * @param count page size ({@code _count}), at most {@link #MAX_COUNT}
     * @param offset how many matches the page skips
     */
    public record Paging(int count, int offset, Summary summary) {

        public static final Paging ALL = new Paging(MAX_COUNT, 0, Summary.FALSE);

        /** Reads {@code _count}, {@code _offset} and {@code _summary}, refusing a value that is not one. */
        public static Paging of(String count, String offset, String summary) {
            return new Paging(
                    number("_count", count, MAX_COUNT, 0, MAX_COUNT),
                    number(OFFSET, offset, 0, 0, Integer.MAX_VALUE),
                    Summary.of(summary));
        }

        private static int number(String name, String value, int absent, int min, int max) {
            if (value == null || value.isBlank()) {
                return absent;
            }
            try {
                int number = Integer.parseInt(value.trim());
                if (number < min) {
                    throw new NumberFormatException();
                }
                return Math.min(number, max);
            } catch (NumberFormatException e) {
                throw new FhirInputException(
                        Rejection.INVALID,
                        InputIssue.value(
                                name,
                                name + " must be a whole number" + " from " + min
                                        + (max == Integer.MAX_VALUE ? "" : " to " + max) + "; got '" + value + "'"));
            }
        }
    }

    /** The FHIR base of this hub as the client reached it, e.g. {@code https://localhost:8443/fhir}. */
    public static String base() {
        return ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/fhir")
                .build()
                .toUriString();
    }

    /**
     * One page of a search's matches.
     *
     * @param id the searchset's id (the query id, under which its decisions are audited)
     * @param type the resource type searched
     * @param parameters the search parameters as the client gave them, repeated in the links
     */
    public static Bundle page(
            String id, String type, Map<String, String> parameters, List<? extends Resource> matches, Paging paging) {
        String base = base();
        Bundle bundle = new Bundle();
        bundle.setId(id);
        bundle.setType(Bundle.BundleType.SEARCHSET);
        bundle.getMeta().setLastUpdated(new Date());
        bundle.setTotal(matches.size());
        bundle.addLink().setRelation("self").setUrl(link(base, type, parameters, paging, paging.offset()));
        if (paging.summary() != Summary.COUNT) {
            int end = Math.min(matches.size(), paging.offset() + paging.count());
            for (Resource resource : matches.subList(Math.min(paging.offset(), matches.size()), end)) {
                bundle.addEntry()
                        .setFullUrl(base + "/" + resource.fhirType() + "/"
                                + resource.getIdElement().getIdPart())
                        .setResource(resource)
                        .getSearch()
                        .setMode(Bundle.SearchEntryMode.MATCH);
            }
            if (end < matches.size() && paging.count() > 0) {
                bundle.addLink().setRelation("next").setUrl(link(base, type, parameters, paging, end));
            }
            if (paging.offset() > 0) {
                bundle.addLink()
                        .setRelation("previous")
                        .setUrl(link(
                                base,
                                type,
                                parameters,
                                paging,
                                Math.max(0, paging.offset() - Math.max(1, paging.count()))));
            }
        }
        return bundle;
    }

    private static String link(String base, String type, Map<String, String> parameters, Paging paging, int offset) {
        UriComponentsBuilder link = UriComponentsBuilder.fromUriString(base).path("/" + type);
        Map<String, String> all = new LinkedHashMap<>(parameters);
        if (paging.count() != MAX_COUNT) {
            all.put("_count", Integer.toString(paging.count()));
        }
        if (paging.summary() != Summary.FALSE) {
            all.put("_summary", paging.summary().code());
        }
        if (offset > 0) {
            all.put(OFFSET, Integer.toString(offset));
        }
        List<String> names = new ArrayList<>(all.keySet());
        for (String name : names) {
            link.queryParam(name, all.get(name));
        }
        return link.build().encode().toUriString();
    }
}
