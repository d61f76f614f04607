using CsCheck;

namespace SearchKit.Tests.Fakes;

/// <summary>Generators of hostile text: control characters, lone surrogates, right-to-left and combining marks, syntax characters.</summary>
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

    /// <summary>A character, mostly nasty, sometimes a letter.</summary>
    public static readonly Gen<char> Char = Gen.Frequency((3, Gen.OneOfConst(Nasty)), (2, Gen.Char['a', 'z']), (1, Gen.Char));

    /// <summary>A string of hostile characters.</summary>
    public static readonly Gen<string> String = Char.Array[0, 120].Select(c => new string(c));

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
