package io.trawl.cli;

import io.trawl.api.rest.RestShapes;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * The one line {@code trawl query} keeps rewriting on stderr while a statement runs on a Trawl API, from the API's
 * progress: {@code RUNNING  12/40 splits  1.21 GB scanned  est. $0.0061} (splits planned grow as scans start).
 * It is cleared when the statement finishes, so it never mixes with results, failures or the other stderr lines.
 */
final class ProgressLine
{
    private final PrintWriter err;
    private int shownLength;

    private ProgressLine(PrintWriter err)
    {
        this.err = err;
    }

    /** Shown on {@code err}, for a terminal (or when asked for). */
    static ProgressLine on(PrintWriter err)
    {
        return new ProgressLine(err);
    }

    /** Never shown: stderr goes to a file or a pipe, where rewritten lines are noise. */
    static ProgressLine hidden()
    {
        return new ProgressLine(null);
    }

    /** Rewrites the line with a query's state and progress (a query that has finished has none). */
    synchronized void show(String state, RestShapes.Progress progress)
    {
        if (err == null || progress == null) {
            return;
        }
        String line = text(state, progress);
        // blanks over what is left of a longer line shown before
        err.print("\r" + line + " ".repeat(Math.max(0, shownLength - line.length())));
        err.flush();
        shownLength = line.length();
    }

    /** Synchronized: a shutdown hook (Ctrl-C) clears the line while the polling thread may still show it. */
    synchronized void clear()
    {
        if (err == null || shownLength == 0) {
            return;
        }
        err.print("\r" + " ".repeat(shownLength) + "\r");
        err.flush();
        shownLength = 0;
    }

    static String text(String state, RestShapes.Progress progress)
    {
        return String.format(Locale.ROOT, "%-7s  %d/%d splits  %s scanned  est. %s", state, progress.splitsCompleted(), progress.splitsPlanned(),
                DemoCommand.humanBytes(progress.bytesScanned()), RemoteStatements.displayCost(progress.estimatedCost(), progress.currency()));
    }
}
