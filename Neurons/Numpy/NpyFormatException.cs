namespace EventSpike.Neurons.Numpy;

/// <summary>
/// A NumPy <c>.npy</c>/<c>.npz</c> file (or a time series stored in one) that cannot be read:
/// truncated or corrupt zip, unknown or unsupported dtype, Fortran order, malformed header,
/// missing key, or arrays whose lengths disagree. The message names the file and, when known,
/// the key (the array's name inside the <c>.npz</c>).
/// </summary>
public sealed class NpyFormatException : Exception
{
    public NpyFormatException(string fileName, string? key, string problem, Exception? inner = null)
        : base(Format(fileName, key, problem), inner)
    {
        FileName = fileName;
        Key = key;
        Problem = problem;
    }

    /// <summary>The file (or stream description) that was being read.</summary>
    public string FileName { get; }

    /// <summary>The key inside the <c>.npz</c> archive, or null for a whole-file problem.</summary>
    public string? Key { get; }

    /// <summary>What is wrong, without the file and key.</summary>
    public string Problem { get; }

    private static string Format(string file, string? key, string problem) =>
        key is null ? $"{file}: {problem}" : $"{file}, key '{key}': {problem}";
}
