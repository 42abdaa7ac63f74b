package org.mmsim.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Display widths as a UTF-8 terminal draws them. */
class WcwidthTest {
    @Test
    void narrowCharactersTakeOneColumn() {
        assertEquals(1, Wcwidth.of('a'));
        assertEquals(1, Wcwidth.of('é'));
        assertEquals(1, Wcwidth.of('€'));
        assertEquals(1, Wcwidth.of('…'));
        assertEquals(1, Wcwidth.of('\u00ad')); // soft hyphen: drawn, as glibc has it
        assertEquals(1, Wcwidth.of('Ж'));
        assertEquals(1, Wcwidth.of(0x303F)); // the one narrow character among the CJK symbols
    }

    @Test
    void eastAsianWideAndFullwidthTakeTwo() {
        assertEquals(2, Wcwidth.of('漢'));
        assertEquals(2, Wcwidth.of('あ'));
        assertEquals(2, Wcwidth.of('한'));
        assertEquals(2, Wcwidth.of(0x3000)); // ideographic space
        assertEquals(2, Wcwidth.of(0xFF21)); // fullwidth A
        assertEquals(2, Wcwidth.of(0x1F600)); // 😀
        assertEquals(2, Wcwidth.of(0x20000)); // CJK extension B
        assertEquals(2, Wcwidth.of(0x1100)); // a leading jamo
    }

    @Test
    void marksAndZeroWidthCharactersTakeNone() {
        assertEquals(0, Wcwidth.of(0x0301)); // combining acute
        assertEquals(0, Wcwidth.of(0x20DD)); // combining enclosing circle
        assertEquals(0, Wcwidth.of(0x200B)); // zero-width space
        assertEquals(0, Wcwidth.of(0x200D)); // zero-width joiner
        assertEquals(0, Wcwidth.of(0xFEFF));
        assertEquals(0, Wcwidth.of(0x1161)); // a medial jamo: part of the syllable before it
    }

    @Test
    void aStringIsTheSumOfItsCharacters() {
        assertEquals(0, Wcwidth.width(""));
        assertEquals(3, Wcwidth.width("abc"));
        assertEquals(5, Wcwidth.width("漢字x"));
        assertEquals(3, Wcwidth.width("e\u0301te\u0301\u200b"));
        assertEquals(4, Wcwidth.width("\ud83d\ude00\ud83d\ude00")); // surrogate pairs are one character each
    }
}
