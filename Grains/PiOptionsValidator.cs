using Microsoft.Extensions.Options;
using Pi.Orleans.Grains.Sampling;

namespace Pi.Orleans.Grains;

/// <summary>Cross-field and machine checks of <see cref="PiOptions"/>; reports every failure, each naming its key.</summary>
internal sealed class PiOptionsValidator : IValidateOptions<PiOptions>
{
    public ValidateOptionsResult Validate(string? name, PiOptions options)
    {
        var failures = new List<string>();
        if (options.ChunkTimeout <= TimeSpan.Zero)
        {
            failures.Add("Pi:ChunkTimeout must be positive.");
        }

        if (options.PersistInterval < TimeSpan.Zero)
        {
            failures.Add("Pi:PersistInterval must not be negative.");
        }

        try
        {
            PiSampler.Resolve(options.Kernel);
        }
        catch (Exception ex) when (ex is PlatformNotSupportedException or ArgumentOutOfRangeException)
        {
            failures.Add($"Pi:Kernel {options.Kernel} cannot run here: {ex.Message}");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
