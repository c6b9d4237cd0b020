namespace Pi.Orleans.Grains.History;

/// <summary>A persisted state that becomes history once finished: retention may then drop it (oldest first), never before.</summary>
public interface IHistoryRecord
{
    /// <summary>Whether the record is final: no write will follow, and retention may drop it.</summary>
    bool IsFinished { get; }
}
