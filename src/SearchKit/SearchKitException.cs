namespace SearchKit;

/// <summary>The base of every error SearchKit reports. Its message is one line, fit to show a user.</summary>
public class SearchKitException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SearchKitException(string message, Exception? inner = null) : base(message, inner) { }
}
