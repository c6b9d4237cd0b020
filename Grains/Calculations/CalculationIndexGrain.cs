using Pi.Orleans.Grains.Hosting;

namespace Pi.Orleans.Grains.Calculations;

/// <summary>Keeps the newest calculations (at most <see cref="Capacity"/>) for listing.</summary>
public sealed class CalculationIndexGrain(
    [PersistentState("index", StorageNames.Calculations)] IPersistentState<CalculationIndexState> state) : Grain, ICalculationIndexGrain
{
    /// <summary>Entries kept; older ones are dropped from the list (their calculations stay readable by id).</summary>
    public const int Capacity = 1000;

    public async Task RecordAsync(CalculationSummary summary)
    {
        var entries = state.State.Entries;
        entries[summary.Id] = summary;
        if (entries.Count > Capacity)
        {
            foreach (var old in entries.Values.OrderBy(e => e.CreatedAt).Take(entries.Count - Capacity).ToList())
            {
                entries.Remove(old.Id);
            }
        }

        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<CalculationSummary>> ListAsync(CalculationStatus? status, int limit)
    {
        IReadOnlyList<CalculationSummary> list = [.. state.State.Entries.Values
            .Where(e => status is null || e.Status == status)
            .OrderByDescending(e => e.CreatedAt)
            .ThenBy(e => e.Id)
            .Take(Math.Clamp(limit, 0, Capacity))];
        return Task.FromResult(list);
    }
}
