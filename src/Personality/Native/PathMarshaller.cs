using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.InteropServices.Marshalling;

namespace Personality.Native;

/// <summary>
/// Passes a string to libc as the NUL-terminated bytes <see cref="PathBytes"/> says it stands for:
/// UTF-8, except that escaped bytes go through as themselves. Every libc call taking a path uses it
/// (<c>StringMarshallingCustomType = typeof(PathMarshaller)</c>), so a path read from a table keeps
/// its bytes all the way down. Like the stock UTF-8 marshaller it uses a stack buffer when the path
/// fits, and native memory otherwise.
/// </summary>
[CustomMarshaller(typeof(string), MarshalMode.ManagedToUnmanagedIn, typeof(ManagedToUnmanagedIn))]
public static unsafe class PathMarshaller
{
    public ref struct ManagedToUnmanagedIn
    {
        private byte* _native;
        private bool _allocated;

        /// <summary>The stack buffer the generated code provides: most paths fit.</summary>
        public static int BufferSize => 0x100;

        public void FromManaged(string? managed, Span<byte> buffer)
        {
            _allocated = false;
            if (managed is null)
            {
                _native = null;
                return;
            }
            if (PathBytes.MaxByteCount(managed) + 1 > buffer.Length)
            {
                var needed = PathBytes.ByteCount(managed) + 1;
                if (needed > buffer.Length)
                {
                    buffer = new Span<byte>(NativeMemory.Alloc((nuint)needed), needed);
                    _allocated = true;
                }
            }
            _native = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(buffer));
            buffer[PathBytes.Encode(managed, buffer)] = 0;
        }

        public readonly byte* ToUnmanaged() => _native;

        public readonly void Free()
        {
            if (_allocated) NativeMemory.Free(_native);
        }
    }
}
