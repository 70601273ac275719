package dev.predictbench.preprocess;

/**
 * A cell's text as the regex engine reads it, with a budget of character reads. Java's
 * matcher backtracks, so a token pattern from a bundle such as {@code (\w{1,20}){1,20}:} would
 * take exponential time on an ordinary cell; every read costs one step, and past the budget
 * (linear in the cell's length, far above what any real pattern needs) matching stops with
 * {@link TooManySteps}.
 */
final class StepBoundedText implements CharSequence {

    /** Steps allowed per character of the cell, plus a fixed allowance for short cells. */
    static final long STEPS_PER_CHAR = 1_000;
    static final long BASE_STEPS = 1_000_000;

    private final String text;
    private final long[] left;

    StepBoundedText(String text) {
        this(text, new long[] {BASE_STEPS + STEPS_PER_CHAR * text.length()});
    }

    private StepBoundedText(String text, long[] left) {
        this.text = text;
        this.left = left;
    }

    @Override
    public char charAt(int index) {
        if (--left[0] < 0) {
            throw new TooManySteps();
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new StepBoundedText(text.substring(start, end), left);
    }

    @Override
    public String toString() {
        return text;
    }

    /** The pattern ran past its budget on one cell. */
    static final class TooManySteps extends RuntimeException {
        TooManySteps() {
            super(null, null, false, false);
        }
    }
}
