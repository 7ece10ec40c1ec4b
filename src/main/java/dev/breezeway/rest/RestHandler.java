package dev.breezeway.rest;

/** One JSON route's handler, e.g. {@code GET /resources/iam/principals/{id}}. */
@FunctionalInterface
public interface RestHandler {
    RestReply handle(RestCall call);
}
