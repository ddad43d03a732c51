package dev.pulse.metrics;

/** Rows or values the reader's scope withholds (a partner's small cells): not an error in the request, a refusal. */
public final class WithheldException extends Exception {
    public WithheldException(String message) {
        super(message);
    }
}
