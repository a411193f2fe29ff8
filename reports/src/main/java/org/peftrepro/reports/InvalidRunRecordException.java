package org.peftrepro.reports;

/**
 * A file that is not a readable run record; the message names the file and what is wrong with it.
 */
public class InvalidRunRecordException extends Exception {

    public InvalidRunRecordException(String message) {
        super(message);
    }

    public InvalidRunRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
