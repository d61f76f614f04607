namespace SearchKit.Evaluation;

/// <summary>Opening and line-reading shared by the evaluation file readers, with errors that name the file.</summary>
internal static class EvaluationFiles
{
    public static StreamReader Open(string path)
    {
        try
        {
            return new StreamReader(path, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var reason = e is FileNotFoundException or DirectoryNotFoundException ? "no such file" : $"cannot open the file ({e.Message})";
            throw new EvaluationDataException(path, reason, inner: e);
        }
    }

    public static IEnumerable<string> Lines(TextReader reader, string source)
    {
        while (true)
        {
            string? line;
            try
            {
                line = reader.ReadLine();
            }
            catch (IOException e)
            {
                throw new EvaluationDataException(source, $"read failed ({e.Message})", inner: e);
            }

            if (line is null)
            {
                yield break;
            }

            yield return line;
        }
    }

    public static string FirstLine(string message)
    {
        int nl = message.IndexOfAny(['\r', '\n']);
        return nl < 0 ? message : message[..nl];
    }
}
