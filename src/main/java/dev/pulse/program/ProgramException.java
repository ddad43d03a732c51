package dev.pulse.program;

/** A user's mistake with the programme (an unknown programme, a missing wave, a case that cannot move so): the message says what to do. */
public final class ProgramException extends Exception {
    public ProgramException(String message) {
        super(message);
    }
}
