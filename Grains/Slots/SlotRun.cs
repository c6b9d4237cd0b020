namespace Pi.Orleans.Grains.Slots;

/// <summary>The value of work run in a slot, how long it waited for the slot and how long it ran.</summary>
public readonly record struct SlotRun<T>(T Value, TimeSpan Queued, TimeSpan Computed);
