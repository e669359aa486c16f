/** Calls for the room: the server clock, the timer (facilitator), the join link shown on the room display. */
import type { RoomJoinLinkResponse, ServerTimeResponse, TimerCommandRequest } from '../../shared/api/room.ts'
import type { Timer } from '../../shared/board/room.ts'
import { request, send } from './request.ts'

const room = (boardId: string) => `/api/boards/${encodeURIComponent(boardId)}/room`

export const fetchServerTime = () => request<ServerTimeResponse>('/api/time', null)

export const sendTimerCommand = (boardId: string, token: string, command: TimerCommandRequest) =>
  request<Timer>(`${room(boardId)}/timer`, token, { method: 'POST', body: JSON.stringify(command) })

export const setRoomJoinLink = (boardId: string, token: string, link: { token: string; code: string | null }) =>
  request<RoomJoinLinkResponse>(`${room(boardId)}/join-link`, token, { method: 'PUT', body: JSON.stringify(link) })

/** The link shown in the room (facilitator and display), or null when none is (404). */
export async function fetchRoomJoinLink(boardId: string, token: string): Promise<RoomJoinLinkResponse | null | 'error'> {
  const result = await request<RoomJoinLinkResponse>(`${room(boardId)}/join-link`, token)
  if (result.ok) return result.value
  return result.kind === 'http' && result.status === 404 ? null : 'error'
}

export async function clearRoomJoinLink(boardId: string, token: string): Promise<boolean> {
  const response = await send(`${room(boardId)}/join-link`, token, { method: 'DELETE' })
  return response !== null && response.ok
}
