package dev.predictbench.scoring;

/** What scoring does with a row that fails validation. */
public enum InvalidRows {
    /** Write it with empty prediction cells, status invalid and its errors. */
    KEEP,
    /** Leave it out of the output. */
    SKIP,
    /** Stop at the first one; the output file is not written. */
    FAIL
}
