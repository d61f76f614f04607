namespace SearchKit.Searching;

/// <summary>A regular expression over a limit; <see cref="Exception.Message"/> says which, <see cref="Offset"/> where (from 0).</summary>
internal class RegexTooComplexException(string message, int offset) : Exception(message)
{
    public int Offset { get; } = offset;
}
