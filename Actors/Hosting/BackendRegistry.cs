namespace EventSpike.Actors.Hosting;

/// <summary>
/// The backends this process knows, by name. "cpu" is always there; another assembly (the GPU backend,
/// Hardware) adds its own with <see cref="Register"/> when the host loads it.
/// </summary>
public static class BackendRegistry
{
    private static readonly Dictionary<string, IBackendProvider> Providers = new(StringComparer.Ordinal)
    {
        [CpuBackendProvider.BackendName] = new CpuBackendProvider(),
    };

    /// <summary>Adds or replaces a backend under its name.</summary>
    public static void Register(IBackendProvider provider)
    {
        lock (Providers) Providers[provider.Name] = provider;
    }

    /// <summary>Every registered name, sorted.</summary>
    public static IReadOnlyList<string> Names
    {
        get
        {
            lock (Providers) return Providers.Keys.Order(StringComparer.Ordinal).ToList();
        }
    }

    public static IBackendProvider Get(string name)
    {
        lock (Providers)
            return Providers.TryGetValue(name, out var provider)
                ? provider
                : throw new BackendLimitException($"unknown backend '{name}'; known: {string.Join(", ", Providers.Keys.Order(StringComparer.Ordinal))}");
    }
}
