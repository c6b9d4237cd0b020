namespace Pi.Orleans.Api.KubernetesStatus.Contracts;

/// <summary>One HPA condition (AbleToScale, ScalingActive, ScalingLimited).</summary>
public sealed record HpaConditionResponse(string Type, string Status, string? Reason, string? Message);
