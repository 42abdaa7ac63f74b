package org.mmsim.core.scenario;

/**
 * One statement of a scenario.
 *
 * @param line   1-based line number in the file
 * @param text   the statement without its {@code expect} clause and comment, white space folded
 * @param expect the expected outcome ({@code ok}, {@code fail}, {@code segv} or a value), or null
 * @param op     what it does
 */
public record Statement(int line, String text, String expect, Op op) implements java.io.Serializable {}
