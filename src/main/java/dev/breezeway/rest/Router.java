package dev.breezeway.rest;

import dev.breezeway.access.Access;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON route table, declared in one block in {@code App}: method + path template with
 * {@code {name}} segments, what the route requires ({@link Access}) → handler. A duplicate route, or
 * one that declares no access, fails at start-up.
 */
public final class Router {
    /** One route. */
    public record Route(String method, String template, Access access, boolean allowDuringPasswordChange,
                        boolean plainErrors, RestHandler handler) {
        /** The path parameters if the path's segments fit the template's, e.g. {@code {id}} → {@code 0193…}. */
        static Optional<Map<String, String>> match(String[] t, String[] p) {
            if (t.length != p.length) {
                return Optional.empty();
            }
            Map<String, String> params = null;
            for (int i = 0; i < t.length; i++) {
                if (t[i].startsWith("{") && t[i].endsWith("}")) {
                    if (p[i].isEmpty()) {
                        return Optional.empty();
                    }
                    if (params == null) {
                        params = new HashMap<>();
                    }
                    params.put(t[i].substring(1, t[i].length() - 1), p[i]);
                } else if (!t[i].equals(p[i])) {
                    return Optional.empty();
                }
            }
            return Optional.of(params == null ? Map.of() : params);
        }
    }

    /** A matched route with its path parameters, or the methods the path allows. */
    public record Match(Optional<Route> route, Map<String, String> params, boolean pathKnown) {
    }

    private final List<Route> routes;
    /** Each route's template split into segments once, in the routes' order. */
    private final List<String[]> templates;

    private Router(List<Route> routes) {
        this.routes = List.copyOf(routes);
        this.templates = this.routes.stream().map(r -> r.template().split("/")).toList();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Match find(String method, String path) {
        boolean known = false;
        String[] segments = path.split("/");
        for (int i = 0; i < routes.size(); i++) {
            Route r = routes.get(i);
            Optional<Map<String, String>> m = Route.match(templates.get(i), segments);
            if (m.isPresent()) {
                known = true;
                if (r.method().equals(method)) {
                    return new Match(Optional.of(r), m.get(), true);
                }
            }
        }
        return new Match(Optional.empty(), Map.of(), known);
    }

    public List<Route> routes() {
        return routes;
    }

    /** Collects routes in declaration order. */
    public static final class Builder {
        private final List<Route> routes = new ArrayList<>();

        public Builder get(String template, Access access, RestHandler h) {
            return add("GET", template, access, false, false, h);
        }

        public Builder post(String template, Access access, RestHandler h) {
            return add("POST", template, access, false, false, h);
        }

        public Builder put(String template, Access access, RestHandler h) {
            return add("PUT", template, access, false, false, h);
        }

        public Builder patch(String template, Access access, RestHandler h) {
            return add("PATCH", template, access, false, false, h);
        }

        public Builder delete(String template, Access access, RestHandler h) {
            return add("DELETE", template, access, false, false, h);
        }

        /** A route a temporary-password session may call. */
        public Builder postDuringPasswordChange(String template, Access access, RestHandler h) {
            return add("POST", template, access, true, false, h);
        }

        /** A route of seed 004, whose errors are {@code {"error": "message"}}. */
        public Builder plain(String method, String template, Access access, RestHandler h) {
            return add(method, template, access, false, true, h);
        }

        private Builder add(String method, String template, Access access, boolean allow, boolean plain, RestHandler h) {
            if (access == null) {
                throw new IllegalStateException("route " + method + " " + template + " declares no access");
            }
            for (Route r : routes) {
                if (r.method().equals(method) && r.template().equals(template)) {
                    throw new IllegalStateException("route " + method + " " + template + " is declared twice");
                }
            }
            routes.add(new Route(method, template, access, allow, plain, h));
            return this;
        }

        public Router build() {
            return new Router(routes);
        }
    }
}
