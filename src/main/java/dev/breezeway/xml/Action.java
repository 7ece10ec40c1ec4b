package dev.breezeway.xml;

/** One wire action, e.g. {@code principals-delete}: reads its parameters, calls a service, returns the payload. */
@FunctionalInterface
public interface Action {
    Results handle(Call call);
}
