package io.gpm2dv.emulator;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code GET /{set}} and {@code /{set}/$count}: filter, order (always ending on the primary key, so paging is
 * stable), {@code $top}, {@code $count} and paging by {@code odata.maxpagesize} with a keyset {@code $skiptoken}
 * (each row exactly once even if rows are added between pages).
 */
final class QueryRunner {
    static final int MAX_PAGE = 5000;
    private static final Set<String> OPTIONS = Set.of("$select", "$filter", "$orderby", "$top", "$count", "$skiptoken");
    private static final Pattern COOKIE = Pattern.compile("<cookie pagenumber=\"(\\d+)\" pagingcookie=\"([^\"]*)\"");

    private QueryRunner() {
    }

    record Order(String column, boolean descending) {
    }

    static ApiResponse list(RecordStore.View view, ApiRequest req, TableDef t, String apiBase) {
        Map<String, String> q = req.query();
        for (String name : q.keySet()) {
            if (name.startsWith("$") && !OPTIONS.contains(name)) {
                throw ApiError.query("The query parameter " + name + " is not supported.");
            }
        }
        List<String> select = Representation.select(t, q.get("$select"));
        List<ObjectNode> rows = matching(view, req, t);
        List<Order> order = orderBy(t, q.get("$orderby"));
        Comparator<ObjectNode> cmp = comparator(order);
        rows.sort(cmp);
        int total = rows.size();

        ObjectNode out = ApiResponse.JSON.createObjectNode();
        out.put("@odata.context", apiBase + "$metadata#" + t.entitySetName()
                + (select == null ? "" : "(" + String.join(",", select) + ")"));
        if ("true".equalsIgnoreCase(q.get("$count"))) {
            out.put("@odata.count", Math.min(total, MAX_PAGE));
        }
        List<String> applied = new ArrayList<>();
        int pageNumber = 1;
        String token = q.get("$skiptoken");
        if (token != null) {
            Matcher m = COOKIE.matcher(token);
            if (!m.find()) {
                throw ApiError.query("The $skiptoken is not valid.");
            }
            pageNumber = Integer.parseInt(m.group(1));
            ObjectNode last = ApiResponse.JSON.createObjectNode();
            try {
                ArrayNode values = (ArrayNode) ApiResponse.JSON.readTree(Base64.getUrlDecoder().decode(m.group(2)));
                for (int i = 0; i < values.size(); i++) {
                    last.set(sortColumn(order, t, i), values.get(i));
                }
            } catch (Exception e) {
                throw ApiError.query("The $skiptoken is not valid.");
            }
            rows.removeIf(r -> cmp.compare(r, last) <= 0);
        }
        int limit;
        boolean paged;
        if (q.containsKey("$top")) {
            try {
                limit = Integer.parseInt(q.get("$top").trim());
            } catch (NumberFormatException e) {
                throw ApiError.query("Invalid value '" + q.get("$top") + "' for $top query option.");
            }
            if (limit < 0) {
                throw ApiError.query("Invalid value '" + q.get("$top") + "' for $top query option.");
            }
            paged = false; // $top is not combined with paging (API §4)
        } else {
            limit = pageSize(req, applied);
            paged = true;
        }
        ArrayNode value = out.putArray("value");
        String annotations = annotations(req, applied);
        List<ObjectNode> page = rows.subList(0, Math.min(limit, rows.size()));
        page.forEach(r -> value.add(Representation.render(view, t, r, select, annotations)));
        if (paged && rows.size() > page.size() && !page.isEmpty()) {
            out.put("@odata.nextLink", nextLink(apiBase, t, q, order, page.get(page.size() - 1), pageNumber + 1));
        }
        ApiResponse response = ApiResponse.json(200, out);
        if (!applied.isEmpty()) {
            response.header("Preference-Applied", String.join(",", applied));
        }
        return response;
    }

    static ApiResponse count(RecordStore.View view, ApiRequest req, TableDef t) {
        return ApiResponse.text(200, Integer.toString(Math.min(matching(view, req, t).size(), MAX_PAGE)));
    }

    private static List<ObjectNode> matching(RecordStore.View view, ApiRequest req, TableDef t) {
        String filterText = req.query().get("$filter");
        Filter filter = filterText == null ? null : FilterParser.parse(view.schema(), t, filterText, req.query());
        List<ObjectNode> rows = new ArrayList<>();
        for (ObjectNode r : view.all(t.logicalName())) {
            if (filter == null || filter.test(view, t, r)) {
                rows.add(r);
            }
        }
        return rows;
    }

    private static List<Order> orderBy(TableDef t, String text) {
        List<Order> out = new ArrayList<>();
        if (text != null && !text.isBlank()) {
            for (String part : text.split(",")) {
                String[] words = part.trim().split("\\s+");
                boolean badDirection = words.length == 2 && !words[1].equalsIgnoreCase("asc")
                        && !words[1].equalsIgnoreCase("desc");
                if (words.length > 2 || t.columnByReadName(words[0]).isEmpty() || badDirection) {
                    throw ApiError.query("Could not find a property named '" + words[0] + "' on type '"
                            + t.odataType() + "', or the $orderby clause '" + part.trim() + "' is not valid.");
                }
                out.add(new Order(words[0], words.length == 2 && words[1].equalsIgnoreCase("desc")));
            }
        }
        out.add(new Order(t.primaryKey(), false));
        return out;
    }

    private static String sortColumn(List<Order> order, TableDef t, int i) {
        return order.get(i).column();
    }

    private static Comparator<ObjectNode> comparator(List<Order> order) {
        return (a, b) -> {
            for (Order o : order) {
                int c = FilterValues.order(FilterValues.of(a.get(o.column())), FilterValues.of(b.get(o.column())));
                if (c != 0) {
                    return o.descending() ? -c : c;
                }
            }
            return 0;
        };
    }

    private static int pageSize(ApiRequest req, List<String> applied) {
        String v = req.preferValue("odata.maxpagesize");
        if (v == null) {
            return MAX_PAGE;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n > 0 && n <= MAX_PAGE) {
                applied.add("odata.maxpagesize=" + n);
                return n;
            }
        } catch (NumberFormatException ignored) {
            // an unusable preference is not applied, as HTTP preferences are advisory
        }
        return MAX_PAGE;
    }

    static String annotations(ApiRequest req, List<String> applied) {
        String v = req.preferValue("odata.include-annotations");
        if (v == null) {
            return null;
        }
        applied.add("odata.include-annotations=" + v);
        return v;
    }

    private static String nextLink(String apiBase, TableDef t, Map<String, String> q, List<Order> order, ObjectNode last,
            int nextPage) {
        ArrayNode values = ApiResponse.JSON.createArrayNode();
        for (Order o : order) {
            JsonNode v = last.get(o.column());
            values.add(v == null ? ApiResponse.JSON.nullNode() : v);
        }
        String cookie = "<cookie pagenumber=\"" + nextPage + "\" pagingcookie=\""
                + Base64.getUrlEncoder().withoutPadding().encodeToString(values.toString().getBytes(StandardCharsets.UTF_8))
                + "\" istracking=\"False\" />";
        StringBuilder link = new StringBuilder(apiBase).append(t.entitySetName()).append('?');
        q.forEach((k, v) -> {
            if (!k.equals("$skiptoken")) {
                link.append(encode(k)).append('=').append(encode(v)).append('&');
            }
        });
        return link.append("$skiptoken=").append(encode(cookie)).toString();
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("%24", "$").replace("%40", "@");
    }
}
