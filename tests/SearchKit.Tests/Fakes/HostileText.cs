using CsCheck;

namespace SearchKit.Tests.Fakes;

/// <summary>
/// Generators of hostile text: control characters, lone surrogates, right-to-left and combining marks, syntax
/// characters, words of many scripts, characters beyond the BMP, phrases, empty and very long paragraphs.
/// A failing property prints CsCheck's seed ("Set seed: \"…\" or -e CsCheck_Seed=… to reproduce"): pass it as
/// <c>seed:</c> to that test's <c>Sample</c> call, or set the environment variable <c>CsCheck_Seed</c>, to replay it.
/// </summary>
internal static class HostileText
{
    private static readonly char[] Nasty =
    [
        '\0', '\u0001', '\u0007', '\b', '\t', '\n', '\r', '\u000B', '\u000C', '\u001B', '\u007F', '\u0085', '\u00A0',
        '\u2028', '\u2029', '\u200B', '\u200D', '\uFEFF', '\uFFFD', '\uFFFF',
        '\u202E', '\u202D', '\u200F', '\u061C', 'ש', 'ל', 'ו', 'م', 'ر', 'ح', 'ب', 'ا',   // right-to-left
        '\u0301', '\u0308', '\u0327', '\u20DD', '\u0489',                                   // combining marks
        '\uD83D', '\uDE00', '\uD800', '\uDFFF',                                            // surrogate halves, alone or paired by chance
        '"', '\'', '(', ')', '[', ']', '{', '}', ':', '*', '?', '~', '^', '+', '-', '!', '&', '|', '\\', '/', ' ',
    ];

    private static readonly string[] Words =
        ["harbour", "storm", "AND", "OR", "NOT", "TO", "title:", "body:", "id:", "nope:", "*", "\"", "(", ")", "~2", "^3", "a*", "x?z", "/re.*x/", "[a TO z]", "{a TO z}", "&&", "||", "-", "+", "\\"];

    // Text beyond ASCII that is valid Unicode: letters of other scripts, characters outside the BMP (as proper
    // surrogate pairs: emoji, a ZWJ sequence, a flag, mathematical and CJK extension letters), decomposed accents.
    private static readonly string[] Unicode =
    [
        "café", "cafe\u0301", "naïve", "Straße", "İstanbul", "ǅ", "ﬁ", "東京", "北京市", "서울", "ありがとう", "Москва", "Ελλάδα",
        "עברית", "العربية", "हिन्दी", "ภาษาไทย", "😀", "👩‍👩‍👧", "🇬🇧", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "𠜎𠜱", "🏳️‍🌈", "½", "²", "٣",
    ];

    /// <summary>A character, mostly nasty, sometimes a letter.</summary>
    public static readonly Gen<char> Char = Gen.Frequency((3, Gen.OneOfConst(Nasty)), (2, Gen.Char['a', 'z']), (1, Gen.Char));

    /// <summary>A piece of text: a hostile character, a letter, or a word beyond ASCII (surrogate pairs whole).</summary>
    private static readonly Gen<string> Piece = Gen.Frequency((6, Char.Select(c => c.ToString())), (2, Gen.OneOfConst(Unicode)), (1, Gen.Const(" ")));

    /// <summary>A string of hostile characters and words beyond ASCII.</summary>
    public static readonly Gen<string> String = Piece.Array[0, 60].Select(string.Concat);

    /// <summary>Well-formed text beyond ASCII (no lone surrogates, no control characters): words of many scripts.</summary>
    public static readonly Gen<string> UnicodeWords = Gen.OneOf(Gen.OneOfConst(Unicode), Gen.Char['a', 'z'].Array[1, 8].Select(c => new string(c))).Array[1, 12].Select(w => string.Join(' ', w));

    /// <summary>
    /// A paragraph as a feed or an API caller might send it: empty, blank, a phrase of words beyond ASCII, or very
    /// long (tens of thousands of characters in one paragraph).
    /// </summary>
    public static readonly Gen<string> Paragraph = Gen.Frequency(
        (1, Gen.OneOfConst(string.Empty, " ", "\n")),
        (6, UnicodeWords),
        (2, String),
        (1, Gen.Select(UnicodeWords, Gen.Int[2_000, 6_000], (w, n) => string.Join(' ', Enumerable.Repeat(w, n)))));

    /// <summary>Lines of hostile text, with blank lines, for the plain-text reader.</summary>
    public static readonly Gen<string> Lines = Gen.OneOf(String, Gen.Const(string.Empty), Gen.Const("\r\n")).Array[0, 30].Select(l => string.Join('\n', l));

    /// <summary>Query-like text: syntax words and characters mixed with hostile ones.</summary>
    public static readonly Gen<string> Query = Gen.OneOf(Gen.OneOfConst(Words), String, Char.Select(c => c.ToString())).Array[1, 20].Select(p => string.Concat(p.Select((x, i) => i % 2 == 0 ? x : " " + x)));

    /// <summary>Random bytes, or the UTF-8 of hostile text cut at a random point (truncated sequences).</summary>
    public static readonly Gen<byte[]> Bytes = Gen.OneOf(
        Gen.Byte.Array[0, 400],
        Gen.Select(String, Gen.Int[0, 400], (s, cut) =>
        {
            var b = System.Text.Encoding.UTF8.GetBytes(s);
            return b[..Math.Min(cut, b.Length)];
        }));
}
