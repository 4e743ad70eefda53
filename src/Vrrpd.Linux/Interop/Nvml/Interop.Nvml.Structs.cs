// Struct and field names kept as in nvml.h (docs/design/code-conventions.md §1).
#pragma warning disable CS8981
#pragma warning disable CS0649 // fields are written by NVML
using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Nvml
    {
        /// <summary>nvmlPciInfo_t (v3): 68 bytes, align 4 (docs/design/gpu-health.md §3).</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct nvmlPciInfo_t
        {
            internal fixed byte busIdLegacy[16];
            internal uint domain;
            internal uint bus;
            internal uint device;
            internal uint pciDeviceId;
            internal uint pciSubSystemId;
            /// <summary>"%08X:%02X:%02X.0".</summary>
            internal fixed byte busId[32];
        }

        /// <summary>nvmlMemory_t: 24 bytes, in bytes.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct nvmlMemory_t
        {
            internal ulong total;
            internal ulong free;
            internal ulong used;
        }

        /// <summary>nvmlUtilization_t: percent over the last sample period (1/6 s to 1 s).</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct nvmlUtilization_t
        {
            internal uint gpu;
            internal uint memory;
        }

        /// <summary>nvmlTemperature_v1_t: 12 bytes; <c>version</c> must be <see cref="nvmlTemperature_v1"/>.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct nvmlTemperature_v1_t
        {
            internal uint version;
            internal int sensorType;
            internal int temperature;
        }

        /// <summary>nvmlEventData_t: 32 bytes. For Xid events <c>eventData</c> is the Xid (999 = unknown).</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct nvmlEventData_t
        {
            internal nint device;
            internal ulong eventType;
            internal ulong eventData;
            internal uint gpuInstanceId;
            internal uint computeInstanceId;
        }

        /// <summary>nvmlFieldValue_t: 40 bytes; <c>value</c> is a union read according to <c>valueType</c>.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct nvmlFieldValue_t
        {
            internal uint fieldId;
            internal uint scopeId;
            internal long timestamp;
            internal long latencyUsec;
            internal int valueType;
            internal int nvmlReturn;
            internal ulong value;
        }
    }
}
